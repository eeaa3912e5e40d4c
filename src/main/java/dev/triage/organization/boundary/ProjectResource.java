package dev.triage.organization.boundary;

import dev.triage.identity.control.Scope;
import dev.triage.organization.control.Access;
import dev.triage.organization.control.AccessControl;
import dev.triage.organization.control.OrganizationCatalog;
import dev.triage.identity.boundary.CurrentCaller;
import dev.triage.identity.boundary.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sentry's project details endpoint: {@code /projects/{org}/{project}/}. */
@RequestScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    static final String PROJECT = "projects/{org: [^/]+}/{project: [^/]+}{slash: /?}";

    @Inject
    AccessControl accessControl;

    @Inject
    OrganizationCatalog catalog;

    @Inject
    CurrentCaller current;

    @Inject
    @ConfigProperty(name = "base.url")
    String baseUrl;

    @Context
    UriInfo uri;

    /** One project; 404 outside the caller's organizations, 403 without access to it. */
    @GET
    @Path(PROJECT)
    @RequiresScope(Scope.PROJECT_READ)
    public ProjectDetailsView retrieve(@PathParam("org") String organization, @PathParam("project") String project) {
        Access access = accessControl.access(current.caller(), organization);
        return ProjectDetailsView.from(catalog.project(access, project), access, Urls.of(baseUrl, uri.getBaseUri()));
    }
}
