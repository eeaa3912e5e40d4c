package dev.triage.organization.boundary;

import dev.triage.identity.boundary.CurrentCaller;
import dev.triage.identity.boundary.RequiresScope;
import dev.triage.identity.control.Scope;
import dev.triage.organization.control.Administration;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sentry's team details endpoint: {@code /teams/{org}/{team}/}. */
@RequestScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class TeamResource {

    static final String TEAM = "teams/{org: [^/]+}/{team: [^/]+}{slash: /?}";

    @Inject
    Administration administration;

    @Inject
    CurrentCaller current;

    @Inject
    @ConfigProperty(name = "base.url")
    String baseUrl;

    @Context
    UriInfo uri;

    /** One team with its projects. */
    @GET
    @Path(TEAM)
    @RequiresScope(Scope.TEAM_READ)
    public TeamView retrieve(@PathParam("org") String organization, @PathParam("team") String team) {
        var done = administration.team(current.caller(), organization, team);
        return TeamView.from(done.result(), done.access(), urls(), true);
    }

    /** Name and slug. */
    @PUT
    @Path(TEAM)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.TEAM_WRITE)
    public TeamView update(@PathParam("org") String organization, @PathParam("team") String team, InputStream body) {
        Bodies request = Bodies.read(body);
        var done = administration.updateTeam(current.caller(), organization, team, request.string("name"),
                request.string("slug"));
        return TeamView.from(done.result(), done.access(), urls(), true);
    }

    /** Removes the team: 204; its members and projects stay, its access to them ends. */
    @DELETE
    @Path(TEAM)
    @RequiresScope(Scope.TEAM_ADMIN)
    public Response remove(@PathParam("org") String organization, @PathParam("team") String team) {
        administration.removeTeam(current.caller(), organization, team);
        return Response.noContent().build();
    }

    private Urls urls() {
        return Urls.of(baseUrl, uri.getBaseUri());
    }
}
