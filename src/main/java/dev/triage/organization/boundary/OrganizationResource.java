package dev.triage.organization.boundary;

import dev.triage.identity.control.Caller;
import dev.triage.identity.control.Scope;
import dev.triage.organization.control.Access;
import dev.triage.organization.control.AccessControl;
import dev.triage.organization.control.Administration;
import dev.triage.organization.control.OrganizationCatalog;
import dev.triage.organization.entity.NotFound;
import dev.triage.platform.Cursor;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import dev.triage.organization.entity.Role;
import dev.triage.identity.boundary.CurrentCaller;
import dev.triage.identity.boundary.RequiresScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sentry's organization endpoints for reading: the caller's organizations, one organization, its
 * projects, teams and members. An organization the caller is not a member of is a 404.
 */
@RequestScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    static final String ORGANIZATIONS = "organizations{slash: /?}";
    static final String ORGANIZATION = "organizations/{org: [^/]+}{slash: /?}";
    static final String MEMBER = "organizations/{org: [^/]+}/members/{member: [^/]+}{slash: /?}";
    static final String MEMBER_TEAM = "organizations/{org: [^/]+}/members/{member: [^/]+}/teams/{team: [^/]+}{slash: /?}";

    @Inject
    AccessControl accessControl;

    @Inject
    OrganizationCatalog catalog;

    @Inject
    Administration administration;

    @Inject
    CurrentCaller current;

    @Inject
    @ConfigProperty(name = "base.url")
    String baseUrl;

    @Context
    UriInfo uri;

    /** The caller's organizations ({@code owner=true}: only those they own), newest first, paged. */
    @GET
    @Path(ORGANIZATIONS)
    @RequiresScope(Scope.ORG_READ)
    public Response list(@QueryParam("owner") String owner) {
        boolean onlyOwned = "true".equalsIgnoreCase(owner) || "1".equals(owner);
        Cursor.Window window = Cursor.window(uri);
        return Cursor.page(uri, window, window.of(accessControl.memberships(current.caller()).stream()
                        .filter(access -> !onlyOwned || access.role() == Role.OWNER).toList()).stream()
                .map(access -> OrganizationView.from(access.organization(), urls()))
                .toList());
    }

    /** A new organization owned by the caller, where {@code ORGANIZATION_CREATION} allows it: 201. */
    @POST
    @Path(ORGANIZATIONS)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.ORG_WRITE)
    public Response create(InputStream body) {
        Bodies request = Bodies.read(body);
        var done = administration.createOrganization(current.caller(), request.string("name").orElse(null),
                request.string("slug").orElse(null));
        return Response.status(201).entity(OrganizationView.from(done.result(), urls())).build();
    }

    /** Name, slug, open membership: the organization as it is then. */
    @PUT
    @Path(ORGANIZATION)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.ORG_WRITE)
    public OrganizationDetailsView update(@PathParam("org") String organization, InputStream body) {
        Bodies request = Bodies.read(body);
        Access access = administration.updateOrganization(current.caller(), organization, request.string("name"),
                request.string("slug"), request.bool("openMembership"));
        return OrganizationDetailsView.from(access, catalog.teams(access, false), catalog.projects(access), urls());
    }

    /** Removes the organization (owners): 202, and 404 on every path from then on. */
    @DELETE
    @Path(ORGANIZATION)
    @RequiresScope(Scope.ORG_ADMIN)
    public Response remove(@PathParam("org") String organization) {
        Access access = administration.removeOrganization(current.caller(), organization);
        return Response.status(202).entity(OrganizationDetailsView.from(access, urls())).build();
    }

    /** One organization with the caller's role and scopes; its teams and projects unless {@code detailed=0}. */
    @GET
    @Path(ORGANIZATION)
    @RequiresScope(Scope.ORG_READ)
    public OrganizationDetailsView retrieve(@PathParam("org") String organization,
                                           @QueryParam("detailed") String detailed) {
        Access access = access(organization);
        if ("0".equals(detailed)) {
            return OrganizationDetailsView.from(access, urls());
        }
        return OrganizationDetailsView.from(access, catalog.teams(access, false), catalog.projects(access), urls());
    }

    /** The organization's projects, by slug, paged. */
    @GET
    @Path("organizations/{org: [^/]+}/projects{slash: /?}")
    @RequiresScope(Scope.ORG_READ)
    public Response projects(@PathParam("org") String organization) {
        Access access = access(organization);
        Cursor.Window window = Cursor.window(uri);
        return Cursor.page(uri, window, catalog.projects(access, window.offset(), window.fetch()).stream()
                .map(p -> ProjectView.from(p, access)).toList());
    }

    /** The organization's teams, by slug, with their projects unless {@code detailed=0}; paged. */
    @GET
    @Path("organizations/{org: [^/]+}/teams{slash: /?}")
    @RequiresScope(Scope.ORG_READ)
    public Response teams(@PathParam("org") String organization, @QueryParam("detailed") String detailed) {
        Access access = access(organization);
        boolean withProjects = !"0".equals(detailed);
        Cursor.Window window = Cursor.window(uri);
        return Cursor.page(uri, window, catalog.teams(access, withProjects, window.offset(), window.fetch()).stream()
                .map(t -> TeamView.from(t, access, urls(), withProjects)).toList());
    }

    /** A new team; the caller joins it: 201. */
    @POST
    @Path("organizations/{org: [^/]+}/teams{slash: /?}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.TEAM_WRITE)
    public Response createTeam(@PathParam("org") String organization, InputStream body) {
        Bodies request = Bodies.read(body);
        var done = administration.createTeam(current.caller(), organization, request.string("name").orElse(null),
                request.string("slug").orElse(null));
        return Response.status(201).entity(TeamView.from(done.result(), done.access(), urls(), true)).build();
    }

    /** Adds a user who has signed in before, by {@code email} (or username), with {@code orgRole} and teams: 201. */
    @POST
    @Path("organizations/{org: [^/]+}/members{slash: /?}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.MEMBER_WRITE)
    public Response addMember(@PathParam("org") String organization, InputStream body) {
        Bodies request = Bodies.read(body);
        List<String> teams = request.strings("teamRoles").or(() -> request.strings("teams")).orElse(List.of());
        var done = administration.addMember(current.caller(), organization, request.string("email").orElse(null),
                request.string("orgRole").or(() -> request.string("role")).orElse(null), teams);
        return Response.status(201).entity(MemberView.from(done.result())).build();
    }

    /** One member ({@code me}: the caller). */
    @GET
    @Path(MEMBER)
    @RequiresScope(Scope.MEMBER_READ)
    public MemberView member(@PathParam("org") String organization, @PathParam("member") String member) {
        Access access = access(organization);
        String id = "me".equals(member) ? access.member().memberId().toString() : member;
        return catalog.member(access, id).map(MemberView::from).orElseThrow(() -> new NotFound("member " + member));
    }

    /** A member's {@code orgRole} and {@code teams}. */
    @PUT
    @Path(MEMBER)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.MEMBER_WRITE)
    public MemberView updateMember(@PathParam("org") String organization, @PathParam("member") String member,
                                   InputStream body) {
        Bodies request = Bodies.read(body);
        var done = administration.updateMember(current.caller(), organization, member,
                request.string("orgRole").or(() -> request.string("role")),
                request.strings("teamRoles").or(() -> request.strings("teams")));
        return MemberView.from(done.result());
    }

    /** Removes a member (or the caller themselves): 204. Never the only remaining owner. */
    @DELETE
    @Path(MEMBER)
    @RequiresScope(Scope.MEMBER_READ)
    public Response removeMember(@PathParam("org") String organization, @PathParam("member") String member) {
        administration.removeMember(current.caller(), organization, member);
        return Response.noContent().build();
    }

    /** Puts a member into a team: 201 with the team. */
    @POST
    @Path(MEMBER_TEAM)
    @RequiresScope(Scope.ORG_READ)
    public Response joinTeam(@PathParam("org") String organization, @PathParam("member") String member,
                             @PathParam("team") String team) {
        var done = administration.joinTeam(current.caller(), organization, member, team);
        return Response.status(201).entity(TeamView.from(done.result(), done.access(), urls(), false)).build();
    }

    /** Takes a member out of a team: 200 with the team. */
    @DELETE
    @Path(MEMBER_TEAM)
    @RequiresScope(Scope.ORG_READ)
    public TeamView leaveTeam(@PathParam("org") String organization, @PathParam("member") String member,
                              @PathParam("team") String team) {
        var done = administration.leaveTeam(current.caller(), organization, member, team);
        return TeamView.from(done.result(), done.access(), urls(), false);
    }

    /** The organization's members with their users and teams, oldest membership first, paged. */
    @GET
    @Path("organizations/{org: [^/]+}/members{slash: /?}")
    @RequiresScope(Scope.MEMBER_READ)
    public Response members(@PathParam("org") String organization) {
        Access access = access(organization);
        Cursor.Window window = Cursor.window(uri);
        return Cursor.page(uri, window, catalog.members(access, window.offset(), window.fetch()).stream()
                .map(MemberView::from).toList());
    }

    private Access access(String organization) {
        Caller caller = current.caller();
        return accessControl.access(caller, organization);
    }

    private Urls urls() {
        return Urls.of(baseUrl, uri.getBaseUri());
    }
}
