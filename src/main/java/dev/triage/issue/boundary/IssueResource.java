package dev.triage.issue.boundary;

import dev.triage.identity.control.Scope;
import dev.triage.issue.control.IssueDetails;
import dev.triage.issue.control.IssueService;
import dev.triage.platform.ApiMethods;
import dev.triage.platform.CurrentCaller;
import dev.triage.platform.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
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
 * is optional.
 */
@RequestScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@ApiMethods("GET, PUT, PATCH, DELETE, HEAD, OPTIONS")
public class IssueResource {

    static final String UNSCOPED = "{alias: issues|groups}/{issueId: [^/]+}{slash: /?}";
    static final String IN_ORGANIZATION = "organizations/{org: [^/]+}/issues/{issueId: [^/]+}{slash: /?}";

    @Inject
    IssueService issues;

    @Inject
    CurrentCaller current;

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
                .tag(etag(details.state().issue().version()))
                .build();
    }

    @OPTIONS
    @Path(UNSCOPED)
    public Response options() {
        return Response.ok().build();
    }

    @OPTIONS
    @Path(IN_ORGANIZATION)
    public Response optionsInOrganization() {
        return Response.ok().build();
    }

    static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }
}
