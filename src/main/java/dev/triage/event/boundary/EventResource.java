package dev.triage.event.boundary;

import dev.triage.event.control.EventQueries;
import dev.triage.ingest.boundary.TagViews;
import dev.triage.identity.control.Scope;
import dev.triage.platform.Cursor;
import dev.triage.identity.boundary.CurrentCaller;
import dev.triage.identity.boundary.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import dev.triage.platform.JsonFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Events and tag breakdowns: an issue's events on the unscoped and organization paths, one event
 * ({@code latest}, {@code oldest}, {@code recommended}, or by ID), a project's events (what
 * {@code sentry-cli events list} reads) and an issue's tags. Same scope and tenancy as the issue API.
 */
@RequestScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    static final String UNSCOPED = "{alias: issues|groups}/{issueId: [^/]+}";
    static final String IN_ORGANIZATION = "organizations/{org: [^/]+}/issues/{issueId: [^/]+}";
    static final int DEFAULT_LIMIT = 100;

    @Inject
    EventQueries events;

    @Inject
    CurrentCaller current;

    @Context
    UriInfo uri;

    @GET
    @Path(UNSCOPED + "/events{slash: /?}")
    @RequiresScope(Scope.EVENT_READ)
    public Response issueEvents(@PathParam("issueId") String issueId, @QueryParam("cursor") String cursor,
                                @QueryParam("limit") Integer limit) {
        return issueEvents(null, issueId, cursor, limit);
    }

    /** The issue's events, newest first, with Sentry's cursor {@code Link}. */
    @GET
    @Path(IN_ORGANIZATION + "/events{slash: /?}")
    @RequiresScope(Scope.EVENT_READ)
    public Response issueEvents(@PathParam("org") String org, @PathParam("issueId") String issueId,
                                @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return events(cursor, limit, (offset, size) -> events.issueEvents(current.caller(), org, issueId, offset, size));
    }

    @GET
    @Path(UNSCOPED + "/events/{which: [^/]+}{slash: /?}")
    @RequiresScope(Scope.EVENT_READ)
    public Response issueEvent(@PathParam("issueId") String issueId, @PathParam("which") String which) {
        return issueEvent(null, issueId, which);
    }

    /** One event of the issue: {@code latest}, {@code oldest}, {@code recommended} or an event ID. */
    @GET
    @Path(IN_ORGANIZATION + "/events/{which: [^/]+}{slash: /?}")
    @RequiresScope(Scope.EVENT_READ)
    public Response issueEvent(@PathParam("org") String org, @PathParam("issueId") String issueId,
                               @PathParam("which") String which) {
        return Response.ok(EventView.full(events.issueEvent(current.caller(), org, issueId, which))).build();
    }

    /** The project's events, newest first. */
    @GET
    @Path("projects/{org: [^/]+}/{project: [^/]+}/events{slash: /?}")
    @RequiresScope(Scope.EVENT_READ)
    public Response projectEvents(@PathParam("org") String org, @PathParam("project") String project,
                                  @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return events(cursor, limit, (offset, size) -> events.projectEvents(current.caller(), org, project, offset, size));
    }

    @GET
    @Path(UNSCOPED + "/tags{slash: /?}")
    @RequiresScope(Scope.EVENT_READ)
    public Response tags(@PathParam("issueId") String issueId) {
        return tags(null, issueId);
    }

    /** The issue's tag keys with their most frequent values. */
    @GET
    @Path(IN_ORGANIZATION + "/tags{slash: /?}")
    @RequiresScope(Scope.EVENT_READ)
    public Response tags(@PathParam("org") String org, @PathParam("issueId") String issueId) {
        List<JsonObject> view = TagViews.of(events.tags(current.caller(), org, issueId));
        return Response.ok(view).build();
    }

    @GET
    @Path(UNSCOPED + "/tags/{key: [^/]+}{slash: /?}")
    @RequiresScope(Scope.EVENT_READ)
    public Response tag(@PathParam("issueId") String issueId, @PathParam("key") String key) {
        return tag(null, issueId, key);
    }

    /** One tag key of the issue with its top values. */
    @GET
    @Path(IN_ORGANIZATION + "/tags/{key: [^/]+}{slash: /?}")
    @RequiresScope(Scope.EVENT_READ)
    public Response tag(@PathParam("org") String org, @PathParam("issueId") String issueId,
                        @PathParam("key") String key) {
        var tag = events.tag(current.caller(), org, issueId, key, 0, 9);
        return Response.ok(TagViews.of(List.of(tag)).get(0)).build();
    }

    @GET
    @Path(UNSCOPED + "/tags/{key: [^/]+}/values{slash: /?}")
    @RequiresScope(Scope.EVENT_READ)
    public Response tagValues(@PathParam("issueId") String issueId, @PathParam("key") String key,
                              @QueryParam("cursor") String cursor) {
        return tagValues(null, issueId, key, cursor);
    }

    /** All values of one tag key of the issue, most frequent first, with the cursor {@code Link}. */
    @GET
    @Path(IN_ORGANIZATION + "/tags/{key: [^/]+}/values{slash: /?}")
    @RequiresScope(Scope.EVENT_READ)
    public Response tagValues(@PathParam("org") String org, @PathParam("issueId") String issueId,
                              @PathParam("key") String key, @QueryParam("cursor") String cursor) {
        int offset = Cursor.offset(cursor);
        var tag = events.tag(current.caller(), org, issueId, key, offset, DEFAULT_LIMIT + 1);
        JsonArrayBuilder values = JsonFactory.JSON.createArrayBuilder();
        tag.values().stream().limit(DEFAULT_LIMIT).forEach(v -> values.add(TagViews.value(v)));
        return paged(Response.ok(values.build()), offset, DEFAULT_LIMIT, tag.values().size() > DEFAULT_LIMIT,
                tag.totalValues() == 0 ? 0 : offset + tag.values().size());
    }

    /** Reads a page of events. */
    private interface EventPages {
        EventQueries.Page read(int offset, int limit);
    }

    /** A page of listed events ({@code cursor}, {@code limit}: at most 100) with Sentry's paging headers. */
    private Response events(String cursor, Integer limit, EventPages pages) {
        int offset = Cursor.offset(cursor);
        int size = limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(DEFAULT_LIMIT, limit));
        EventQueries.Page page = pages.read(offset, size);
        return paged(Response.ok(page.events().stream().map(EventView::listed).toList()), offset, size, page.more(),
                page.hits());
    }

    /** Sentry's paging headers: {@code X-Hits} and the cursor {@code Link}. */
    private Response paged(Response.ResponseBuilder response, int offset, int limit, boolean more, long hits) {
        Cursor.headers(uri.getRequestUri(), offset, limit, more, hits).forEach(response::header);
        return response.build();
    }
}
