package dev.triage.issue.control;

import dev.triage.identity.control.Caller;
import dev.triage.identity.entity.User;
import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.IssueNotFound;
import dev.triage.issue.entity.IssueShare;
import dev.triage.issue.entity.IssueUserState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Selects the issues of an organization or project that a caller may work on, in Sentry's
 * default order (last seen first), a page at a time. Every issue comes with what its view needs.
 */
@ApplicationScoped
public class IssueSearch {

    private static final String ORGANIZATION = "(o.slug = :org or cast(o.id as String) = :org)";
    private static final String PROJECT = "(p.slug = :project or cast(p.id as String) = :project)";

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    /** The selected issues of one page, the caller (managed), and whether more follow. */
    public record Selected(User caller, List<Issue> issues, boolean more) {}

    /**
     * @throws IssueNotFound when the organization or project does not exist for this caller
     */
    public Selected select(Caller caller, IssueSelection selection, int offset, int limit) {
        User me = scope(caller, selection);
        Map<String, Object> parameters = new HashMap<>();
        String jpql = IssueLookup.ISSUE_WITH_VIEW + where(caller, selection, parameters)
                + " order by i.lastSeen desc nulls last, i.id desc";
        TypedQuery<Object[]> query = em.createQuery(jpql, Object[].class)
                .setFirstResult(offset)
                .setMaxResults(limit + 1);
        parameters.forEach(query::setParameter);
        List<Object[]> rows = query.getResultList();
        List<Issue> issues = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            issues.add((Issue) rows.get(i)[0]);
        }
        return new Selected(me, issues, rows.size() > limit);
    }

    /** How many issues the selection holds in all (Sentry's {@code X-Hits}). */
    public long count(Caller caller, IssueSelection selection) {
        Map<String, Object> parameters = new HashMap<>();
        TypedQuery<Long> query = em.createQuery("select count(i) from Issue i join i.project p join p.organization o"
                + " join User me on me.subject = :subject" + where(caller, selection, parameters), Long.class);
        parameters.forEach(query::setParameter);
        return query.getSingleResult();
    }

    /** The conditions of a selection, for the issue {@code i} of project {@code p}, organization {@code o}. */
    private static String where(Caller caller, IssueSelection selection, Map<String, Object> parameters) {
        StringBuilder jpql = new StringBuilder(" where ").append(ORGANIZATION)
                .append(" and i.pendingDeletion = false and i.mergedIntoId is null and ")
                .append(IssueLookup.CALLER_MAY_ACCESS);
        parameters.put("subject", caller.subject());
        parameters.put("org", selection.organization());
        if (selection.project() != null) {
            jpql.append(" and ").append(PROJECT);
            parameters.put("project", selection.project());
        }
        if (selection.projects() != null && !selection.projects().isEmpty()) {
            jpql.append(" and (p.slug in :projects or cast(p.id as String) in :projects)");
            parameters.put("projects", selection.projects());
        }
        if (selection.ids() != null && !selection.ids().isEmpty()) {
            jpql.append(" and i.id in :ids");
            parameters.put("ids", selection.ids());
        }
        if (selection.statuses() != null && !selection.statuses().isEmpty()) {
            jpql.append(" and i.status in :statuses");
            parameters.put("statuses", selection.statuses());
        }
        filter(selection.filter(), jpql, parameters);
        return jpql.toString();
    }

    /** The public shares of the given issues, by issue id. */
    public Map<Long, IssueShare> shares(List<Long> issueIds) {
        Map<Long, IssueShare> shares = new HashMap<>();
        if (!issueIds.isEmpty()) {
            em.createQuery("select s from IssueShare s where s.issueId in :ids", IssueShare.class)
                    .setParameter("ids", issueIds).getResultList()
                    .forEach(s -> shares.put(s.issueId(), s));
        }
        return shares;
    }

    /** The per-user rows of the given issues (of one user, or of everyone when userId is null), by issue id then user id. */
    public Map<Long, Map<Long, IssueUserState>> states(List<Long> issueIds, Long userId) {
        Map<Long, Map<Long, IssueUserState>> states = new HashMap<>();
        if (!issueIds.isEmpty()) {
            var query = em.createQuery("select s from IssueUserState s where s.key.issueId in :ids"
                    + (userId == null ? "" : " and s.key.userId = :user"), IssueUserState.class)
                    .setParameter("ids", issueIds);
            if (userId != null) {
                query.setParameter("user", userId);
            }
            query.getResultList().forEach(s ->
                    states.computeIfAbsent(s.key().issueId(), k -> new HashMap<>()).put(s.key().userId(), s));
        }
        return states;
    }

    /** The caller, if the organization (and project) exist and the caller may work there; else 404. */
    private User scope(Caller caller, IssueSelection selection) {
        String jpql = selection.project() == null
                ? "select me from User me, Organization o where me.subject = :subject and " + ORGANIZATION
                        + " and o.status = 'active' and exists (select 1 from OrganizationMember m"
                        + " where m.organizationId = o.id and m.userId = me.id)"
                : "select me from User me, Project p join p.organization o where me.subject = :subject and "
                        + ORGANIZATION + " and " + PROJECT + " and o.status = 'active' and p.status = 'active' and "
                        + IssueLookup.CALLER_MAY_ACCESS;
        var query = em.createQuery(jpql, User.class)
                .setParameter("subject", caller.subject())
                .setParameter("org", selection.organization());
        if (selection.project() != null) {
            query.setParameter("project", selection.project());
        }
        return query.getResultStream().findFirst().orElseThrow(IssueNotFound::new);
    }

    private static void filter(IssueFilter filter, StringBuilder jpql, Map<String, Object> parameters) {
        if (filter == null) {
            return;
        }
        if (!filter.statuses().isEmpty()) {
            jpql.append(" and i.status in :queryStatuses");
            parameters.put("queryStatuses", filter.statuses());
        }
        if (Boolean.TRUE.equals(filter.assigned())) {
            jpql.append(" and (i.assigneeUser is not null or i.assigneeTeam is not null)");
        } else if (Boolean.FALSE.equals(filter.assigned())) {
            jpql.append(" and i.assigneeUser is null and i.assigneeTeam is null");
        }
        if ("me".equals(filter.assignee())) {
            jpql.append(" and i.assigneeUser = me");
        } else if (filter.assignee() != null) {
            jpql.append(" and exists (select 1 from User au where au = i.assigneeUser"
                    + " and (au.username = :assignee or lower(au.email) = lower(:assignee)))");
            parameters.put("assignee", filter.assignee());
        }
        if (filter.bookmarked()) {
            jpql.append(" and exists (select 1 from IssueUserState s where s.key.issueId = i.id"
                    + " and s.key.userId = me.id and s.bookmarkedAt is not null)");
        }
        if (!filter.priorities().isEmpty()) {
            jpql.append(" and i.priority in :priorities");
            parameters.put("priorities", filter.priorities());
        }
        if (!filter.levels().isEmpty()) {
            jpql.append(" and i.level in :levels");
            parameters.put("levels", filter.levels());
        }
        for (int n = 0; n < filter.text().size(); n++) {
            jpql.append(" and lower(i.title) like :text").append(n).append(" escape '\\'");
            parameters.put("text" + n, "%" + escapeLike(filter.text().get(n).toLowerCase(Locale.ROOT)) + "%");
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
