package dev.triage.issue.boundary;

import dev.triage.identity.boundary.CurrentCaller;
import dev.triage.identity.boundary.RequiresScope;
import dev.triage.identity.control.Scope;
import dev.triage.issue.control.IssueComments;
import dev.triage.issue.control.IssueService;
import dev.triage.issue.control.UpdateRetries;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import dev.triage.platform.Cursor;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An issue's comments ({@code /issues/{id}/comments/}, Sentry's notes) and its history
 * ({@code /issues/{id}/activities/}), at the unscoped and the organization address like the
 * issue itself. Scopes as Sentry's {@code GroupPermission}: read {@code event:read}, write
 * {@code event:write}, delete {@code event:admin}.
 */
@RequestScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class IssueCommentResource {

    static final String ISSUE = "{alias: issues|groups}/{issueId: [^/]+}";
    static final String ISSUE_IN_ORGANIZATION = "organizations/{org: [^/]+}/issues/{issueId: [^/]+}";
    static final String COMMENTS = "/comments{slash: /?}";
    static final String COMMENT = "/comments/{noteId: [^/]+}{slash: /?}";
    static final String ACTIVITIES = "/activities{slash: /?}";

    @Inject
    IssueComments comments;

    @Inject
    IssueService issues;

    @Inject
    UpdateRetries retries;

    @Inject
    CurrentCaller current;

    @Context
    UriInfo uri;

    @Inject
    @ConfigProperty(name = "max.body.bytes", defaultValue = "65536")
    int maxBodyBytes;

    /** The issue's comments, newest first, paged. */
    @GET
    @Path(ISSUE + COMMENTS)
    @RequiresScope(Scope.EVENT_READ)
    public Response list(@PathParam("issueId") String issueId) {
        return list(null, issueId);
    }

    @GET
    @Path(ISSUE_IN_ORGANIZATION + COMMENTS)
    @RequiresScope(Scope.EVENT_READ)
    public Response list(@PathParam("org") String organization, @PathParam("issueId") String issueId) {
        Cursor.Window window = Cursor.window(uri);
        return Cursor.page(uri, window, comments.list(current.caller(), organization, issueId, window.offset(),
                window.fetch()).stream().map(ActivityView::from).toList());
    }

    /** Comment on the issue: {@code {"text": "...", "mentions": ["user:2"]}}; answers 201 with the note. */
    @POST
    @Path(ISSUE + COMMENTS)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.EVENT_WRITE)
    public Response post(@PathParam("issueId") String issueId, InputStream body) {
        return post(null, issueId, body);
    }

    @POST
    @Path(ISSUE_IN_ORGANIZATION + COMMENTS)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.EVENT_WRITE)
    public Response post(@PathParam("org") String organization, @PathParam("issueId") String issueId,
                         InputStream body) {
        IssueComments.NewNote note = NoteBodyParser.read(body, maxBodyBytes);
        var posted = retries.retrying(() -> comments.post(current.caller(), organization, issueId, note));
        return Response.status(201).entity(ActivityView.from(posted)).build();
    }

    /** Change the text of one of your own comments. */
    @PUT
    @Path(ISSUE + COMMENT)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.EVENT_WRITE)
    public ActivityView edit(@PathParam("issueId") String issueId, @PathParam("noteId") String noteId,
                             InputStream body) {
        return edit(null, issueId, noteId, body);
    }

    @PUT
    @Path(ISSUE_IN_ORGANIZATION + COMMENT)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.EVENT_WRITE)
    public ActivityView edit(@PathParam("org") String organization, @PathParam("issueId") String issueId,
                             @PathParam("noteId") String noteId, InputStream body) {
        String text = NoteBodyParser.read(body, maxBodyBytes).text();
        return ActivityView.from(retries.retrying(
                () -> comments.edit(current.caller(), organization, issueId, noteId, text)));
    }

    /** Delete one of your own comments. */
    @DELETE
    @Path(ISSUE + COMMENT)
    @RequiresScope(Scope.EVENT_ADMIN)
    public Response delete(@PathParam("issueId") String issueId, @PathParam("noteId") String noteId) {
        return delete(null, issueId, noteId);
    }

    @DELETE
    @Path(ISSUE_IN_ORGANIZATION + COMMENT)
    @RequiresScope(Scope.EVENT_ADMIN)
    public Response delete(@PathParam("org") String organization, @PathParam("issueId") String issueId,
                           @PathParam("noteId") String noteId) {
        retries.retrying(() -> {
            comments.delete(current.caller(), organization, issueId, noteId);
            return null;
        });
        return Response.noContent().build();
    }

    /** The issue's history as the details GET shows it (Sentry's {@code group_activities.py}). */
    @GET
    @Path(ISSUE + ACTIVITIES)
    @RequiresScope(Scope.EVENT_READ)
    public Map<String, List<ActivityView>> activities(@PathParam("issueId") String issueId) {
        return activities(null, issueId);
    }

    @GET
    @Path(ISSUE_IN_ORGANIZATION + ACTIVITIES)
    @RequiresScope(Scope.EVENT_READ)
    public Map<String, List<ActivityView>> activities(@PathParam("org") String organization,
                                                      @PathParam("issueId") String issueId) {
        var history = issues.history(current.caller(), organization, issueId);
        return Map.of("activity", ActivityView.history(history.activity(), history.issue(), IssueService.ACTIVITY_LIMIT));
    }
}
