package dev.triage.organization.boundary;

import dev.triage.identity.control.Scope;
import dev.triage.organization.control.Access;
import dev.triage.organization.control.AccessControl;
import dev.triage.organization.control.Administration;
import dev.triage.organization.control.OrganizationCatalog;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
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

    static final String PROJECT_TEAM = "projects/{org: [^/]+}/{project: [^/]+}/teams/{team: [^/]+}{slash: /?}";
    static final String TEAM_PROJECTS = "teams/{org: [^/]+}/{team: [^/]+}/projects{slash: /?}";

    @Inject
    Administration administration;

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
        return ProjectDetailsView.from(catalog.project(access, project), access, urls());
    }

    /** A new project of a team (and its first client key where ingestion exists): 201. */
    @POST
    @Path(TEAM_PROJECTS)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.PROJECT_WRITE)
    public Response create(@PathParam("org") String organization, @PathParam("team") String team, InputStream body) {
        Bodies request = Bodies.read(body);
        var done = administration.createProject(current.caller(), organization, team,
                request.string("name").orElse(null), request.string("slug").orElse(null),
                request.string("platform").orElse(null));
        return Response.status(201).entity(ProjectDetailsView.from(done.result(), done.access(), urls())).build();
    }

    /** Name, slug (the issues' short ids take the new prefix, their numbers stay) and platform. */
    @PUT
    @Path(PROJECT)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.PROJECT_WRITE)
    public ProjectDetailsView update(@PathParam("org") String organization, @PathParam("project") String project,
                                     InputStream body) {
        Bodies request = Bodies.read(body);
        var done = administration.updateProject(current.caller(), organization, project, request.string("name"),
                request.string("slug"), request.string("platform"));
        return ProjectDetailsView.from(done.result(), done.access(), urls());
    }

    /** Removes the project and its issues: 204, and 404 from then on. */
    @DELETE
    @Path(PROJECT)
    @RequiresScope(Scope.PROJECT_ADMIN)
    public Response remove(@PathParam("org") String organization, @PathParam("project") String project) {
        administration.removeProject(current.caller(), organization, project);
        return Response.noContent().build();
    }

    /** Gives a team access to the project: 201 with the project. */
    @POST
    @Path(PROJECT_TEAM)
    @RequiresScope(Scope.PROJECT_WRITE)
    public Response addTeam(@PathParam("org") String organization, @PathParam("project") String project,
                            @PathParam("team") String team) {
        var done = administration.addProjectTeam(current.caller(), organization, project, team);
        return Response.status(201).entity(ProjectDetailsView.from(done.result(), done.access(), urls())).build();
    }

    /** Takes a team's access to the project away: 200 with the project. */
    @DELETE
    @Path(PROJECT_TEAM)
    @RequiresScope(Scope.PROJECT_WRITE)
    public ProjectDetailsView removeTeam(@PathParam("org") String organization, @PathParam("project") String project,
                                         @PathParam("team") String team) {
        var done = administration.removeProjectTeam(current.caller(), organization, project, team);
        return ProjectDetailsView.from(done.result(), done.access(), urls());
    }

    private Urls urls() {
        return Urls.of(baseUrl, uri.getBaseUri());
    }
}
