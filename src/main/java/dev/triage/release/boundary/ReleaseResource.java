package dev.triage.release.boundary;

import dev.triage.identity.boundary.CurrentCaller;
import dev.triage.identity.control.Caller;
import dev.triage.platform.JsonBodies;
import dev.triage.release.control.InvalidRelease;
import dev.triage.release.control.ReleaseChange;
import dev.triage.release.control.Releases;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An organization's releases and repositories as sentry-cli's {@code releases new},
 * {@code releases set-commits} and {@code releases info} use them
 * ({@code /organizations/{org}/releases/...}, {@code /organizations/{org}/repos/}). Scopes as
 * Sentry's {@code OrganizationReleasePermission}: checked by the service.
 */
@RequestScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class ReleaseResource {

    /** Every path starts here; the class itself has none, so that other resources' organization paths stay theirs. */
    static final String ORGANIZATION = "organizations/{org: [^/]+}/";

    /** Sentry's limits on the commit fields ({@code CommitSerializer}). */
    static final int MAX_COMMIT_ID = 64;
    static final int MAX_REPOSITORY = 200;

    @Inject
    Releases releases;

    @Inject
    CurrentCaller current;

    @Inject
    @ConfigProperty(name = "max.body.bytes", defaultValue = "65536")
    int maxBodyBytes;

    @Context
    HttpHeaders headers;

    private Caller caller() {
        return current.verified(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    /** Create a release for projects (sentry-cli {@code releases new}): 201, or 208 when it existed. */
    @POST
    @Path(ORGANIZATION + "releases{slash: /?}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("org") String org, InputStream body) {
        JsonObject json = object(body);
        Releases.Saved saved = releases.create(caller(), org, change(json, true));
        return Response.status(saved.created() ? 201 : 208).entity(ReleaseView.from(saved.release())).build();
    }

    @GET
    @Path(ORGANIZATION + "releases/{version: [^/]+}{slash: /?}")
    public Response retrieve(@PathParam("org") String org, @PathParam("version") String version) {
        return Response.ok(ReleaseView.from(releases.retrieve(caller(), org, version))).build();
    }

    /** Change a release: {@code refs} or {@code commits} (sentry-cli {@code set-commits}), url, ref, dateReleased, projects. */
    @PUT
    @Path(ORGANIZATION + "releases/{version: [^/]+}{slash: /?}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("org") String org, @PathParam("version") String version, InputStream body) {
        JsonObject json = object(body);
        return Response.ok(ReleaseView.from(releases.update(caller(), org, version, change(json, false)))).build();
    }

    /** The previous release with commits, or {@code {}} (sentry-cli {@code set-commits --local}). */
    @GET
    @Path(ORGANIZATION + "releases/{version: [^/]+}/previous-with-commits{slash: /?}")
    public Response previousWithCommits(@PathParam("org") String org, @PathParam("version") String version) {
        return releases.previousWithCommits(caller(), org, version)
                .map(r -> Response.ok(ReleaseView.from(r)).build())
                .orElseGet(() -> Response.ok(JsonValue.EMPTY_JSON_OBJECT.toString()).build());
    }

    /** The organization's repositories (sentry-cli {@code set-commits} checks the names it is given). */
    @GET
    @Path(ORGANIZATION + "repos{slash: /?}")
    public Response repositories(@PathParam("org") String org) {
        return Response.ok(releases.repositories(caller(), org).stream().map(RepositoryView::from).toList()).build();
    }

    private JsonObject object(InputStream body) {
        JsonValue value = JsonBodies.read(body, maxBodyBytes);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidRelease("non_field_errors", "Invalid data. Expected a dictionary, but got "
                    + value.getValueType().name().toLowerCase(Locale.ROOT) + ".");
        }
        return value.asJsonObject();
    }

    private static ReleaseChange change(JsonObject json, boolean creating) {
        String version = creating ? string(json, "version", Integer.MAX_VALUE) : null;
        List<String> projects = null;
        if (present(json, "projects")) {
            if (json.get("projects").getValueType() != JsonValue.ValueType.ARRAY) {
                throw new InvalidRelease("projects", "Expected a list of items.");
            }
            projects = new ArrayList<>();
            for (JsonValue p : json.getJsonArray("projects")) {
                if (p instanceof JsonString s) {
                    projects.add(s.getString());
                } else if (p instanceof JsonNumber n && n.isIntegral()) {
                    projects.add(n.bigIntegerValue().toString());
                } else {
                    throw new InvalidRelease("projects", "Invalid project ids or slugs");
                }
            }
        }
        return new ReleaseChange(version, projects, string(json, "url", 2048), string(json, "ref", 1024),
                time(json, "dateReleased"), refs(json), commits(json));
    }

    private static List<ReleaseChange.Ref> refs(JsonObject json) {
        if (!present(json, "refs")) {
            return null;
        }
        List<ReleaseChange.Ref> refs = new ArrayList<>();
        for (JsonObject ref : objects(json, "refs")) {
            String repository = required(ref, "refs", "repository", MAX_REPOSITORY);
            String commit = required(ref, "refs", "commit", MAX_COMMIT_ID);
            String previous = present(ref, "previousCommit") ? required(ref, "refs", "previousCommit", MAX_COMMIT_ID) : null;
            refs.add(new ReleaseChange.Ref(repository, commit, previous));
        }
        return refs;
    }

    private static List<ReleaseChange.CommitData> commits(JsonObject json) {
        if (!present(json, "commits")) {
            return null;
        }
        List<ReleaseChange.CommitData> commits = new ArrayList<>();
        for (JsonObject commit : objects(json, "commits")) {
            commits.add(new ReleaseChange.CommitData(
                    required(commit, "commits", "id", MAX_COMMIT_ID),
                    present(commit, "repository") ? required(commit, "commits", "repository", MAX_REPOSITORY) : null,
                    present(commit, "message") ? required(commit, "commits", "message", 100_000) : null,
                    present(commit, "author_name") ? required(commit, "commits", "author_name", 128) : null,
                    present(commit, "author_email") ? required(commit, "commits", "author_email", 75) : null,
                    present(commit, "timestamp") ? parseTime("commits", json(commit, "commits", "timestamp")) : null));
        }
        return commits;
    }

    private static List<JsonObject> objects(JsonObject json, String field) {
        if (json.get(field).getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidRelease(field, "Expected a list of items.");
        }
        List<JsonObject> objects = new ArrayList<>();
        for (JsonValue v : json.getJsonArray(field)) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidRelease(field, "Expected a list of objects.");
            }
            objects.add(v.asJsonObject());
        }
        return objects;
    }

    private static boolean present(JsonObject json, String name) {
        return json.containsKey(name) && json.get(name).getValueType() != JsonValue.ValueType.NULL;
    }

    private static String json(JsonObject json, String field, String name) {
        if (!(json.get(name) instanceof JsonString s)) {
            throw new InvalidRelease(field, name + ": Not a valid string.");
        }
        return s.getString();
    }

    /** A non-blank string of at most {@code max} characters, reported under {@code field}. */
    private static String required(JsonObject json, String field, String name, int max) {
        if (!present(json, name)) {
            throw new InvalidRelease(field, name + ": This field is required.");
        }
        String value = json(json, field, name);
        if (value.isBlank()) {
            throw new InvalidRelease(field, name + ": This field may not be blank.");
        }
        if (value.length() > max) {
            throw new InvalidRelease(field, name + ": Ensure this field has no more than " + max + " characters.");
        }
        return value;
    }

    private static String string(JsonObject json, String name, int max) {
        if (!present(json, name)) {
            return null;
        }
        if (!(json.get(name) instanceof JsonString s)) {
            throw new InvalidRelease(name, "Not a valid string.");
        }
        if (s.getString().length() > max) {
            throw new InvalidRelease(name, "Ensure this field has no more than " + max + " characters.");
        }
        return s.getString();
    }

    private static Instant time(JsonObject json, String name) {
        return present(json, name) ? parseTime(name, json(json, name, name)) : null;
    }

    private static Instant parseTime(String field, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                throw new InvalidRelease(field, "Datetime has wrong format. Use one of these formats instead: "
                        + "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].");
            }
        }
    }
}
