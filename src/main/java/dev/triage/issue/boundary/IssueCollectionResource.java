package dev.triage.issue.boundary;

import dev.triage.identity.control.Scope;
import dev.triage.issue.control.InvalidSearch;
import dev.triage.issue.control.IssueFilter;
import dev.triage.issue.control.IssueLookup;
import dev.triage.issue.control.IssuePage;
import dev.triage.issue.control.IssueSearchQuery;
import dev.triage.issue.control.IssueSelection;
import dev.triage.issue.control.IssueService;
import dev.triage.issue.control.IssueUpdate;
import dev.triage.issue.control.UpdateOutcome;
import dev.triage.issue.control.UpdateRetries;
import dev.triage.issue.control.UpdateStatus;
import dev.triage.issue.entity.IssueStatus;
import dev.triage.platform.Cursor;
import dev.triage.identity.boundary.CurrentCaller;
import dev.triage.identity.boundary.RequiresScope;
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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The issues of a project ({@code /projects/{org}/{project}/issues/}) or of an organization
 * ({@code /organizations/{org}/issues/}): list with Sentry's cursor paging, bulk mutate, bulk
 * remove. Selection by repeated {@code id} (at most 1000), {@code status} and {@code query}.
 */
@RequestScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class IssueCollectionResource {

    static final String OF_PROJECT = "projects/{org: [^/]+}/{project: [^/]+}/issues{slash: /?}";
    static final String OF_ORGANIZATION = "organizations/{org: [^/]+}/issues{slash: /?}";
    static final int MAX_LIMIT = 100;
    /** The words the {@code status} filter takes: the statuses and the older word for ignored. */
    static final List<String> STATUSES = List.of(IssueStatus.RESOLVED.wireName(), IssueStatus.UNRESOLVED.wireName(),
            IssueStatus.IGNORED.wireName(), UpdateStatus.MUTED.wireName());

    @Inject
    IssueService issues;

    @Inject
    UpdateRetries updates;

    @Inject
    CurrentCaller current;

    @Inject
    @ConfigProperty(name = "base.url")
    String baseUrl;

    @Inject
    @ConfigProperty(name = "max.body.bytes", defaultValue = "65536")
    int maxBodyBytes;

    @Context
    UriInfo uri;

    /** List a project's issues (default query {@code is:unresolved}), last seen first, 100 a page at most. */
    @GET
    @Path(OF_PROJECT)
    @RequiresScope(Scope.EVENT_READ)
    public Response listOfProject(@PathParam("org") String organization, @PathParam("project") String project) {
        return list(organization, project);
    }

    /** List an organization's issues (default query {@code is:unresolved issue.priority:[high,medium]}). */
    @GET
    @Path(OF_ORGANIZATION)
    @RequiresScope(Scope.EVENT_READ)
    public Response listOfOrganization(@PathParam("org") String organization) {
        return list(organization, null);
    }

    /** Bulk mutate a project's issues: the body is the one of the details PUT. */
    @PUT
    @Path(OF_PROJECT)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.EVENT_WRITE)
    public Response mutateOfProject(@PathParam("org") String organization, @PathParam("project") String project,
                                    InputStream body) {
        return mutate(organization, project, body);
    }

    /** Bulk mutate an organization's issues. */
    @PUT
    @Path(OF_ORGANIZATION)
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.EVENT_WRITE)
    public Response mutateOfOrganization(@PathParam("org") String organization, InputStream body) {
        return mutate(organization, null, body);
    }

    /** Bulk remove a project's issues: they are 404 from then on. */
    @DELETE
    @Path(OF_PROJECT)
    @RequiresScope(Scope.EVENT_ADMIN)
    public Response removeOfProject(@PathParam("org") String organization, @PathParam("project") String project) {
        issues.bulkDelete(current.caller(), selection(organization, project, false));
        return Response.noContent().build();
    }

    /** Bulk remove an organization's issues. */
    @DELETE
    @Path(OF_ORGANIZATION)
    @RequiresScope(Scope.EVENT_ADMIN)
    public Response removeOfOrganization(@PathParam("org") String organization) {
        issues.bulkDelete(current.caller(), selection(organization, null, false));
        return Response.noContent().build();
    }

    private Response list(String organization, String project) {
        IssueSelection selection = selection(organization, project, true);
        int limit = limit();
        int offset = Cursor.offset(uri.getQueryParameters().getFirst("cursor"));
        IssuePage page = issues.list(current.caller(), selection, offset, limit);
        Response.ResponseBuilder answer = Response.ok(page.issues().stream()
                .map(state -> IssueView.listed(state, page.last24Hours().get(state.issue().id()), baseUrl)).toList());
        Cursor.headers(uri.getRequestUri(), offset, limit, page.more(), page.hits()).forEach(answer::header);
        return answer.build();
    }

    private Response mutate(String organization, String project, InputStream body) {
        IssueUpdate update = UpdateBodyParser.read(body, maxBodyBytes);
        UpdateOutcome outcome = updates.update(current.caller(), selection(organization, project, false), update, null);
        if (outcome.nothingMatched() || outcome.discarded()) {
            return Response.noContent().build();
        }
        return Response.ok(BulkView.of(update, outcome)).build();
    }

    /**
     * The request's selection. Without ids or a status filter the default query is
     * {@code is:unresolved}, for the organization's listing Sentry's
     * {@code is:unresolved issue.priority:[high,medium]}; an empty {@code query} means all issues.
     */
    private IssueSelection selection(String organization, String project, boolean listing) {
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        List<Long> ids = ids(parameters.get("id"));
        Set<IssueStatus> statuses = new LinkedHashSet<>();
        for (String status : parameters.getOrDefault("status", List.of())) {
            if (!status.isBlank()) {
                if (!STATUSES.contains(status)) {
                    throw new InvalidSearch("Invalid status \"" + status + "\": valid values are " + STATUSES);
                }
                statuses.add(IssueStatus.fromSearch(status).orElseThrow());
            }
        }
        String query = parameters.getFirst("query");
        IssueFilter filter;
        if (query != null) {
            filter = IssueSearchQuery.parse(query);
        } else if (listing && project == null && statuses.isEmpty()) {
            filter = IssueFilter.ORGANIZATION_DEFAULT;
        } else if (statuses.isEmpty() && (ids.isEmpty() || listing)) {
            // Sentry's default; a status filter (sentry-cli's "unresolve -s resolved") replaces it
            filter = IssueFilter.UNRESOLVED;
        } else {
            filter = IssueFilter.ALL;
        }
        List<String> projects = project == null ? parameters.getOrDefault("project", List.of()) : List.of();
        return new IssueSelection(organization, project, projects.stream().filter(p -> !p.isBlank()).toList(),
                ids, statuses, filter);
    }

    private static List<Long> ids(List<String> values) {
        List<Long> ids = new ArrayList<>();
        if (values == null) {
            return ids;
        }
        if (values.size() > IssueService.BULK_LIMIT) {
            throw new InvalidSearch("Too many ids: at most " + IssueService.BULK_LIMIT + " issues can be selected at once.");
        }
        for (String value : values) {
            Long id = IssueLookup.parseId(value);
            if (id == null) {
                throw new InvalidSearch("Invalid id \"" + value + "\": issue ids are positive integers.");
            }
            ids.add(id);
        }
        return ids;
    }

    private int limit() {
        String text = uri.getQueryParameters().getFirst("limit");
        if (text == null || text.isBlank()) {
            return MAX_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit < 1) {
                throw new InvalidSearch("Invalid limit \"" + text + "\": it must be at least 1.");
            }
            return Math.min(limit, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw new InvalidSearch("Invalid limit \"" + text + "\": it must be an integer.");
        }
    }
}
