package dev.triage.organization.boundary;

import dev.triage.identity.control.Caller;
import dev.triage.identity.control.Scope;
import dev.triage.organization.control.Access;
import dev.triage.organization.control.AccessControl;
import dev.triage.organization.control.OrganizationCatalog;
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

    /** The caller's organizations ({@code owner=true}: only those they own), newest first. */
    @GET
    @Path(ORGANIZATIONS)
    @RequiresScope(Scope.ORG_READ)
    public List<OrganizationView> list(@QueryParam("owner") String owner) {
        boolean onlyOwned = "true".equalsIgnoreCase(owner) || "1".equals(owner);
        return accessControl.memberships(current.caller()).stream()
                .filter(access -> !onlyOwned || access.role() == Role.OWNER)
                .map(access -> OrganizationView.from(access.organization(), urls()))
                .toList();
    }

    /** One organization with the caller's role and scopes; its teams and projects unless {@code detailed=0}. */
    @GET
    @Path(ORGANIZATION)
    @RequiresScope(Scope.ORG_READ)
    public OrganizationDetailsView retrieve(@PathParam("org") String organization,
                                           @QueryParam("detailed") String detailed) {
        Access access = access(organization);
        if ("0".equals(detailed)) {
            return OrganizationDetailsView.from(access, null, null, urls());
        }
        return OrganizationDetailsView.from(access, catalog.teams(access, false), catalog.projects(access), urls());
    }

    /** The organization's projects, by slug. */
    @GET
    @Path("organizations/{org: [^/]+}/projects{slash: /?}")
    @RequiresScope(Scope.ORG_READ)
    public List<ProjectView> projects(@PathParam("org") String organization) {
        Access access = access(organization);
        return catalog.projects(access).stream().map(p -> ProjectView.from(p, access)).toList();
    }

    /** The organization's teams, by slug, with their projects unless {@code detailed=0}. */
    @GET
    @Path("organizations/{org: [^/]+}/teams{slash: /?}")
    @RequiresScope(Scope.ORG_READ)
    public List<TeamView> teams(@PathParam("org") String organization, @QueryParam("detailed") String detailed) {
        Access access = access(organization);
        boolean withProjects = !"0".equals(detailed);
        return catalog.teams(access, withProjects).stream()
                .map(t -> TeamView.from(t, access, urls(), withProjects)).toList();
    }

    /** The organization's members with their users and teams. */
    @GET
    @Path("organizations/{org: [^/]+}/members{slash: /?}")
    @RequiresScope(Scope.MEMBER_READ)
    public List<MemberView> members(@PathParam("org") String organization) {
        return catalog.members(access(organization)).stream().map(MemberView::from).toList();
    }

    private Access access(String organization) {
        Caller caller = current.caller();
        return accessControl.access(caller, organization);
    }

    private Urls urls() {
        return Urls.of(baseUrl, uri.getBaseUri());
    }
}
