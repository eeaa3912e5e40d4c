package dev.triage.issue.control;

import dev.triage.identity.control.Caller;
import dev.triage.identity.entity.User;
import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.IssueNotFound;
import dev.triage.issue.entity.IssueShare;
import dev.triage.issue.entity.IssueUserState;
import dev.triage.organization.entity.Organization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;

/**
 * Finds the issue a path names, as the caller may see it: one query that loads the issue with its
 * project and organization, finds the caller by the token's subject and checks the caller's
 * access at the same time. A subject that is no user sees nothing. An issue merged into another
 * resolves to the one it was merged into.
 */
@ApplicationScoped
public class IssueLookup {

    /**
     * The caller ({@code me}) may work on project {@code p} of organization {@code o}: a member of
     * the organization and, unless membership is open, an owner or manager or in a team with access.
     */
    public static final String CALLER_MAY_ACCESS = """
            exists (select 1 from OrganizationMember m where m.organizationId = o.id and m.userId = me.id
                    and (o.openMembership = true or m.role in ('owner', 'manager')
                         or exists (select 1 from ProjectTeam pt, TeamMember tm
                                    where pt.projectId = p.id and tm.teamId = pt.teamId and tm.userId = me.id)))""";

    /** Everything the issue's view shows, in the same query: the view is built outside the transaction. */
    static final String ISSUE_WITH_VIEW = """
            select i, me from Issue i join fetch i.project p join fetch p.organization o
            join User me on me.subject = :subject
            left join fetch i.assigneeUser left join fetch i.assigneeTeam
            left join fetch i.firstRelease left join fetch i.lastRelease
            left join fetch i.resolution.release left join fetch i.resolution.actor left join fetch i.snooze.actor
            left join fetch i.resolution.commit rc left join fetch rc.repository
            """;

    /**
     * The same, with the rows beside the issue's own that an update or the details view needs: its
     * public share and every user's seen/bookmark/subscription row with that user (one result row
     * per user row).
     */
    static final String ISSUE_WITH_ROWS = ISSUE_WITH_VIEW.replace("select i, me from", "select i, me, sh, st, su from")
            + " left join IssueShare sh on sh.issueId = i.id left join IssueUserState st on st.key.issueId = i.id"
            + " left join User su on su.id = st.key.userId ";

    private static final String VISIBLE = " and i.pendingDeletion = false and " + CALLER_MAY_ACCESS;
    private static final int MAX_MERGE_HOPS = 8;

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    /** The issue, and the caller as a managed entity of the same persistence context. */
    public record Found(Issue issue, User caller) {}

    /**
     * The issue and the caller, with the issue's share (or null), its per-user rows by user id and
     * the users of those rows by id.
     */
    public record FoundWithRows(Issue issue, User caller, IssueShare share, Map<Long, IssueUserState> states,
                                Map<Long, User> users) {}

    /**
     * @param organization slug or numeric id from an organization path, or null on the unscoped path
     * @param issueId numeric id, or (organization path only) a short id such as {@code PUMP-STATION-1}
     * @throws IssueNotFound when there is no such issue for this caller
     */
    public Issue find(Caller caller, String organization, String issueId) {
        return findWithCaller(caller, organization, issueId).issue();
    }

    public Found findWithCaller(Caller caller, String organization, String issueId) {
        Object[] row = find(caller, organization, issueId, ISSUE_WITH_VIEW).get(0);
        return new Found((Issue) row[0], (User) row[1]);
    }

    /**
     * {@link #findWithCaller}, and in the same query the rows an update or the details view reads
     * besides the issue's own, so that they cost no statements of their own. For reading only:
     * everything is loaded read-only.
     */
    public FoundWithRows findWithRows(Caller caller, String organization, String issueId) {
        return withRows(find(caller, organization, issueId, ISSUE_WITH_ROWS, true));
    }

    /**
     * {@link #findWithRows} for an update, in its transaction: only what an update may change is
     * writable, the issue, its share and its per-user rows; the rest (project, organization,
     * users, releases, team) is read-only, so it keeps no snapshot and the flush has nothing to
     * compare (measured: the flush's dirty checks and the snapshots were about 5 % of a PUT's CPU).
     */
    public FoundWithRows findForUpdate(Caller caller, String organization, String issueId) {
        FoundWithRows found = findWithRows(caller, organization, issueId);
        Session session = em.unwrap(Session.class);
        session.setReadOnly(found.issue(), false);
        if (found.share() != null) {
            session.setReadOnly(found.share(), false);
        }
        found.states().values().forEach(state -> session.setReadOnly(state, false));
        return found;
    }

    private static FoundWithRows withRows(List<Object[]> rows) {
        Map<Long, IssueUserState> states = new HashMap<>();
        Map<Long, User> users = new HashMap<>();
        for (Object[] row : rows) {
            if (row[3] instanceof IssueUserState state) {
                states.put(state.key().userId(), state);
            }
            if (row[4] instanceof User user) {
                users.put(user.id(), user);
            }
        }
        Object[] first = rows.get(0);
        return new FoundWithRows((Issue) first[0], (User) first[1], (IssueShare) first[2], states, users);
    }

    /** The result rows of {@code select} for the issue the path names, following merges; never empty. */
    private List<Object[]> find(Caller caller, String organization, String issueId, String select) {
        return find(caller, organization, issueId, select, false);
    }

    /** @param readOnly load every entity read-only */
    private List<Object[]> find(Caller caller, String organization, String issueId, String select,
                                boolean readOnly) {
        Long id = parseId(issueId);
        List<Object[]> found;
        if (id != null) {
            found = byId(caller, id, select, readOnly);
        } else if (organization != null && issueId != null) {
            found = byShortId(caller, organization, issueId, select, readOnly);
        } else {
            throw new IssueNotFound();
        }
        for (int hop = 0; !found.isEmpty() && hop < MAX_MERGE_HOPS; hop++) {
            Issue issue = (Issue) found.get(0)[0];
            if (issue.mergedIntoId() == null) {
                if (organization != null && !names(issue.project().organization(), organization)) {
                    throw new IssueNotFound();
                }
                return found;
            }
            found = byId(caller, issue.mergedIntoId(), select, readOnly);
        }
        throw new IssueNotFound();
    }

    private List<Object[]> byId(Caller caller, Long id, String select, boolean readOnly) {
        return em.createQuery(select + " where i.id = :id" + VISIBLE, Object[].class)
                .setHint(HibernateHints.HINT_READ_ONLY, readOnly)
                .setParameter("id", id)
                .setParameter("subject", caller.subject())
                .getResultList();
    }

    private List<Object[]> byShortId(Caller caller, String organization, String shortId, String select,
                                     boolean readOnly) {
        int dash = shortId.lastIndexOf('-');
        Long number = dash > 0 ? parseId(shortId.substring(dash + 1)) : null;
        if (number == null) {
            return List.of();
        }
        String prefix = shortId.substring(0, dash).toLowerCase(Locale.ROOT);
        return em.createQuery(select + " where lower(p.slug) = :prefix and i.shortIdNumber = :number"
                        + " and (o.slug = :org or cast(o.id as String) = :org)" + VISIBLE, Object[].class)
                .setHint(HibernateHints.HINT_READ_ONLY, readOnly)
                .setParameter("prefix", prefix)
                .setParameter("number", number)
                .setParameter("org", organization)
                .setParameter("subject", caller.subject())
                .getResultList();
    }

    static boolean names(Organization organization, String slugOrId) {
        return organization.slug().equals(slugOrId) || organization.id().toString().equals(slugOrId);
    }

    /** A positive decimal id that fits a bigint, else null. */
    public static Long parseId(String text) {
        if (text == null || text.isEmpty() || text.length() > 18) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return null;
            }
        }
        long value = Long.parseLong(text);
        return value > 0 ? value : null;
    }
}
