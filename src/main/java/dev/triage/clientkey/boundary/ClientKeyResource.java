package dev.triage.clientkey.boundary;

import dev.triage.clientkey.control.ClientKeys;
import dev.triage.clientkey.control.InvalidClientKey;
import dev.triage.clientkey.control.KeyChange;
import dev.triage.identity.control.Caller;
import dev.triage.identity.boundary.CurrentCaller;
import dev.triage.platform.JsonBodies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A project's client keys ({@code /projects/{org}/{project}/keys/}), in Sentry's shape. Who may
 * do what is decided by the service (project scopes, or the event scopes of the issue API).
 */
@RequestScoped
@Path("projects/{org: [^/]+}/{project: [^/]+}/keys")
@Produces(MediaType.APPLICATION_JSON)
public class ClientKeyResource {

    @Inject
    ClientKeys keys;

    @Inject
    CurrentCaller current;

    @Inject
    IngestUrl ingestUrl;

    @Inject
    @ConfigProperty(name = "max.body.bytes", defaultValue = "65536")
    int maxBodyBytes;

    @Context
    HttpHeaders headers;

    private static Caller caller(HttpHeaders headers, CurrentCaller current) {
        return current.verified(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    /** List the project's keys, oldest first. */
    @GET
    @Path("{slash: /?}")
    public Response list(@PathParam("org") String org, @PathParam("project") String project) {
        var found = keys.list(caller(headers, current), org, project);
        return Response.ok(found.keys().stream().map(k -> ClientKeyView.from(k, ingestUrl.value())).toList()).build();
    }

    /** Create a key: body {@code {"name": "..."}} (optional). */
    @POST
    @Path("{slash: /?}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("org") String org, @PathParam("project") String project, InputStream body) {
        JsonObject json = object(body, true);
        var created = keys.create(caller(headers, current), org, project, string(json, "name"));
        return Response.status(201).entity(ClientKeyView.from(created.key(), ingestUrl.value())).build();
    }

    @GET
    @Path("{keyId: [^/]+}{slash: /?}")
    public Response retrieve(@PathParam("org") String org, @PathParam("project") String project,
                             @PathParam("keyId") String keyId) {
        var found = keys.retrieve(caller(headers, current), org, project, keyId);
        return Response.ok(ClientKeyView.from(found.key(), ingestUrl.value())).build();
    }

    /** Update a key: {@code name}, {@code isActive}, {@code rateLimit {window, count}} (null removes it). */
    @PUT
    @Path("{keyId: [^/]+}{slash: /?}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("org") String org, @PathParam("project") String project,
                           @PathParam("keyId") String keyId, InputStream body) {
        JsonObject json = object(body, false);
        var updated = keys.update(caller(headers, current), org, project, keyId, change(json));
        return Response.ok(ClientKeyView.from(updated.key(), ingestUrl.value())).build();
    }

    @DELETE
    @Path("{keyId: [^/]+}{slash: /?}")
    public Response delete(@PathParam("org") String org, @PathParam("project") String project,
                           @PathParam("keyId") String keyId) {
        keys.delete(caller(headers, current), org, project, keyId);
        return Response.noContent().build();
    }

    private JsonObject object(InputStream body, boolean emptyAllowed) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(maxBodyBytes + 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (emptyAllowed && new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonValue value = JsonBodies.read(new java.io.ByteArrayInputStream(bytes), maxBodyBytes);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidClientKey("non_field_errors", "Invalid data. Expected a dictionary, but got "
                    + value.getValueType().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return value.asJsonObject();
    }

    private static KeyChange change(JsonObject json) {
        Boolean active = null;
        if (json.containsKey("isActive") && json.get("isActive").getValueType() != JsonValue.ValueType.NULL) {
            JsonValue v = json.get("isActive");
            if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
                active = v == JsonValue.TRUE;
            } else {
                throw new InvalidClientKey("isActive", "Must be a valid boolean.");
            }
        }
        boolean rateLimitGiven = json.containsKey("rateLimit");
        Integer window = null;
        Integer count = null;
        if (rateLimitGiven && json.get("rateLimit").getValueType() != JsonValue.ValueType.NULL) {
            if (json.get("rateLimit").getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidClientKey("rateLimit", "Expected a dictionary with window and count.");
            }
            JsonObject limit = json.getJsonObject("rateLimit");
            window = positive(limit, "window");
            count = positive(limit, "count");
            if ((window == null) != (count == null)) {
                throw new InvalidClientKey("rateLimit", "Give both window and count, or neither.");
            }
        }
        return new KeyChange(string(json, "name"), active, rateLimitGiven, window, count);
    }

    private static Integer positive(JsonObject limit, String name) {
        JsonValue v = limit.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1 || n.longValue() > Integer.MAX_VALUE) {
            throw new InvalidClientKey("rateLimit", name + " must be a positive integer.");
        }
        return n.intValue();
    }

    private static String string(JsonObject json, String name) {
        JsonValue v = json.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw new InvalidClientKey(name, "Not a valid string.");
        }
        return json.getString(name);
    }
}
