package dev.triage.issue.boundary;

import dev.triage.identity.control.Scope;
import dev.triage.issue.control.IssueDetails;
import dev.triage.issue.control.IssueService;
import dev.triage.issue.control.IssueForCaller;
import dev.triage.issue.control.UpdateOutcome;
import dev.triage.issue.control.UpdateRetries;
import dev.triage.issue.control.UpdateTarget;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import java.io.InputStream;
import dev.triage.identity.boundary.CurrentCaller;
import dev.triage.identity.boundary.RequiresScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One issue, at Sentry's three addresses: {@code /issues/{id}/}, its alias {@code /groups/{id}/},
 * and {@code /organizations/{org}/issues/{id}/} (which also takes a short id). The trailing slash
 * is optional. One instance serves every request (it holds nothing of a request; the caller comes
 * through {@link CurrentCaller}'s request-scoped proxy): the hottest paths of the API don't build a
 * resource and resolve its configuration per request.
 */
@ApplicationScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class IssueResource {

    static final String UNSCOPED = "{alias: issues|groups}/{issueId: [^/]+}{slash: /?}";
    static final String IN_ORGANIZATION = "organizations/{org: [^/]+}/issues/{issueId: [^/]+}{slash: /?}";

    @Inject
    IssueService issues;

    @Inject
    UpdateRetries updates;

    @Inject
    CurrentCaller current;

    @Inject
    @ConfigProperty(name = "max.body.bytes", defaultValue = "65536")
    int maxBodyBytes;

    @Inject
    @ConfigProperty(name = "base.url")
    String baseUrl;

    /** Retrieve an issue (numeric id only). */
    @GET
    @Path(UNSCOPED)
    @RequiresScope(Scope.EVENT_READ)
    public Response retrieve(@PathParam("issueId") String issueId) {
        return retrieve(null, issueId);
    }

    /** Retrieve an issue of an organization, by numeric or short id. */
    @GET
    @Path(IN_ORGANIZATION)
    @RequiresScope(Scope.EVENT_READ)
    public Response retrieve(@PathParam("org") String organization, @PathParam("issueId") String issueId) {
        IssueDetails details = issues.retrieve(current.caller(), organization, issueId);
        return Response.ok(IssueView.from(details, baseUrl))
                .tag(etag(details.issue().issue().version()))
                .build();
    }

    /**
     * Update an issue: only the submitted attributes change. {@code If-Match} with the issue's
     * {@code ETag} makes it conditional (412 when the issue changed since). PATCH is the same.
     */
    @PUT
    @Path(UNSCOPED)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.EVENT_WRITE)
    public Response update(@PathParam("issueId") String issueId, @HeaderParam("If-Match") String ifMatch,
                           InputStream body) {
        return update(null, issueId, ifMatch, body);
    }

    @PATCH
    @Path(UNSCOPED)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.EVENT_WRITE)
    public Response patch(@PathParam("issueId") String issueId, @HeaderParam("If-Match") String ifMatch,
                          InputStream body) {
        return update(null, issueId, ifMatch, body);
    }

    @PATCH
    @Path(IN_ORGANIZATION)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.EVENT_WRITE)
    public Response patch(@PathParam("org") String organization, @PathParam("issueId") String issueId,
                          @HeaderParam("If-Match") String ifMatch, InputStream body) {
        return update(organization, issueId, ifMatch, body);
    }

    /** Update an issue of an organization, by numeric or short id. */
    @PUT
    @Path(IN_ORGANIZATION)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.EVENT_WRITE)
    public Response update(@PathParam("org") String organization, @PathParam("issueId") String issueId,
                           @HeaderParam("If-Match") String ifMatch, InputStream body) {
        var update = UpdateBodyParser.read(body, maxBodyBytes);
        UpdateOutcome outcome = updates.update(current.caller(), new UpdateTarget.OneIssue(organization, issueId),
                update, IfMatch.version(ifMatch));
        if (outcome.discarded()) {
            return Response.noContent().build();
        }
        IssueForCaller issue = outcome.single();
        return Response.ok(IssueView.from(issue, baseUrl)).tag(etag(issue.issue().version())).build();
    }

    /** Remove an issue: it is gone (404) from then on. */
    @DELETE
    @Path(UNSCOPED)
    @RequiresScope(Scope.EVENT_ADMIN)
    public Response delete(@PathParam("issueId") String issueId) {
        return delete(null, issueId);
    }

    @DELETE
    @Path(IN_ORGANIZATION)
    @RequiresScope(Scope.EVENT_ADMIN)
    public Response delete(@PathParam("org") String organization, @PathParam("issueId") String issueId) {
        issues.delete(current.caller(), organization, issueId);
        return Response.accepted().build();
    }

    static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }
}
