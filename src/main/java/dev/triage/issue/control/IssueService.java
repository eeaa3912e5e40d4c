package dev.triage.issue.control;

import dev.triage.activity.control.ActivityLog;
import dev.triage.activity.entity.Activity;
import dev.triage.identity.control.Caller;
import dev.triage.identity.control.Scope;
import dev.triage.identity.entity.User;
import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.IssueShare;
import dev.triage.issue.entity.IssueUserState;
import dev.triage.platform.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The issue use cases. Knows nothing about HTTP; every public method is one transaction. */
@ApplicationScoped
public class IssueService {

    static final int ACTIVITY_LIMIT = 100;
    /** The most issues one bulk request changes (Sentry's limit too). */
    public static final int BULK_LIMIT = 1000;

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    @Inject
    IssueLookup lookup;

    @Inject
    References references;

    @Inject
    ActivityLog activities;

    @Inject
    IssueSearch search;

    /**
     * The issue with everything the details GET shows.
     *
     * @throws dev.triage.issue.entity.IssueNotFound when the caller may not see it
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public IssueDetails retrieve(Caller caller, String organization, String issueId) {
        IssueLookup.Found found = lookup.findWithCaller(caller, organization, issueId);
        Issue issue = found.issue();
        Long me = found.caller().id();
        List<IssueUserState> states = em.createQuery(
                        "select s from IssueUserState s where s.key.issueId = :issue", IssueUserState.class)
                .setParameter("issue", issue.id())
                .getResultList();
        List<Long> userIds = states.stream().map(s -> s.key().userId()).toList();
        List<User> users = userIds.isEmpty() ? List.of() : em.createQuery(
                        "select u from User u where u.id in :ids order by u.id", User.class)
                .setParameter("ids", userIds)
                .getResultList();
        IssueUserState mine = states.stream()
                .filter(s -> s.key().userId().equals(me)).findFirst().orElse(null);
        List<IssueDetails.Seen> seenBy = users.stream()
                .flatMap(u -> states.stream().filter(s -> s.key().userId().equals(u.id()) && s.hasSeen())
                        .map(s -> new IssueDetails.Seen(u, s)))
                .sorted((a, b) -> b.state().lastSeenAt().compareTo(a.state().lastSeenAt()))
                .toList();
        List<User> participants = users.stream()
                .filter(u -> states.stream().anyMatch(s -> s.key().userId().equals(u.id()) && s.subscribed()))
                .toList();
        List<Activity> activity = em.createQuery("select a from Activity a left join fetch a.user"
                        + " where a.issueId = :issue order by a.dateCreated desc, a.id desc", Activity.class)
                .setParameter("issue", issue.id())
                .setMaxResults(ACTIVITY_LIMIT)
                .getResultList();
        return new IssueDetails(new IssueState(issue, mine, em.find(IssueShare.class, issue.id())),
                activity, seenBy, participants);
    }

    /**
     * Applies a partial update to one issue: everything is checked before anything is written,
     * each effective change writes Sentry's activity, and the issue's version goes up once. Call it
     * through {@link IssueUpdates}, which retries on conflicts.
     *
     * @param expectedVersion the version {@code If-Match} named, or null for "the latest"
     * @return the issue as the caller now sees it, or null when it was discarded
     * @throws InvalidUpdate when a value or reference is refused (nothing written)
     * @throws StaleIssueVersion when {@code expectedVersion} is not the current version
     */
    @Transactional
    public IssueState update(Caller caller, String organization, String issueId, IssueUpdate update,
                             Long expectedVersion) {
        IssueLookup.Found found = lookup.findWithCaller(caller, organization, issueId);
        Issue issue = found.issue();
        if (expectedVersion != null && expectedVersion != issue.version()) {
            throw new StaleIssueVersion(issue.version());
        }
        if (Boolean.TRUE.equals(update.discard())) {
            discard(caller, List.of(issue));
            return null;
        }
        if (Boolean.TRUE.equals(update.merge())) {
            throw IssueUpdateParser.error("merge", "Merging needs two or more issues: use the project or"
                    + " organization issues endpoint with several ids.");
        }
        List<IssueChange> changes = changes(found.caller(), List.of(issue), expectedVersion != null);
        apply(changes, update);
        IssueChange change = changes.get(0);
        return new IssueState(issue, change.callerStateForView(), change.share);
    }

    /**
     * Applies a partial update to every selected issue, with the same rules, activities and
     * locking as {@link #update} (one code path), in one transaction: if any issue refuses the
     * update, none changes.
     */
    @Transactional
    public BulkOutcome bulkUpdate(Caller caller, IssueSelection selection, IssueUpdate update) {
        IssueSearch.Selected selected = search.select(caller, selection, 0, BULK_LIMIT);
        List<Issue> issues = selected.issues();
        if (issues.isEmpty()) {
            return new BulkOutcome(List.of(), null, false);
        }
        if (Boolean.TRUE.equals(update.discard())) {
            discard(caller, issues);
            return new BulkOutcome(List.of(), null, true);
        }
        boolean merging = Boolean.TRUE.equals(update.merge());
        if (merging) {
            checkMergeable(issues);
        }
        List<IssueChange> changes = changes(selected.caller(), issues, false);
        apply(changes, update);
        BulkOutcome.Merge merge = merging ? merge(selected.caller(), issues) : null;
        em.flush();
        List<IssueState> states = changes.stream()
                .map(c -> new IssueState(c.issue, c.callerStateForView(), c.share)).toList();
        return new BulkOutcome(states, merge, false);
    }

    /** Marks every selected issue for deletion; answers how many. */
    @Transactional
    public int bulkDelete(Caller caller, IssueSelection selection) {
        List<Issue> issues = search.select(caller, selection, 0, BULK_LIMIT).issues();
        issues.forEach(Issue::markPendingDeletion);
        em.flush();
        return issues.size();
    }

    /** One page of the selected issues, as the caller sees them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public IssuePage list(Caller caller, IssueSelection selection, int offset, int limit) {
        IssueSearch.Selected selected = search.select(caller, selection, offset, limit);
        List<Long> ids = selected.issues().stream().map(Issue::id).toList();
        Map<Long, IssueShare> shares = search.shares(ids);
        Map<Long, Map<Long, IssueUserState>> states = search.states(ids, selected.caller().id());
        List<IssueState> page = selected.issues().stream().map(issue -> {
            IssueUserState mine = states.getOrDefault(issue.id(), Map.of()).get(selected.caller().id());
            return new IssueState(issue, mine, shares.get(issue.id()));
        }).toList();
        return new IssuePage(page, offset, selected.more());
    }

    private List<IssueChange> changes(User actor, List<Issue> issues, boolean conditional) {
        List<Long> ids = issues.stream().map(Issue::id).toList();
        Map<Long, IssueShare> shares = search.shares(ids);
        Map<Long, Map<Long, IssueUserState>> states = search.states(ids, null);
        Instant now = Timestamps.now();
        References.Memo lookups = references.memo();
        return issues.stream().map(issue -> new IssueChange(em, lookups, activities, actor, issue, now,
                conditional, shares.get(issue.id()), states.getOrDefault(issue.id(), Map.of()))).toList();
    }

    /** Checks every issue first (nothing is written if one refuses), then changes them all. */
    private void apply(List<IssueChange> changes, IssueUpdate update) {
        changes.forEach(change -> change.check(update));
        changes.forEach(change -> change.apply(update));
        changes.forEach(IssueChange::stage);
        em.flush();
    }

    private void discard(Caller caller, List<Issue> issues) {
        if (!caller.has(Scope.EVENT_ADMIN)) {
            throw IssueUpdateParser.error("discard", "You do not have permission to discard events");
        }
        issues.forEach(em::remove);
        em.flush();
    }

    private static void checkMergeable(List<Issue> issues) {
        if (issues.size() < 2) {
            throw new InvalidSearch("Only one issue was selected: merging needs two or more.");
        }
        if (issues.stream().map(i -> i.project().id()).distinct().count() > 1) {
            throw new InvalidSearch("Merging across multiple projects is not supported");
        }
    }

    /**
     * Merges the issues into the one seen most often (ties: the oldest id); the others' ids
     * resolve to it from now on.
     */
    private BulkOutcome.Merge merge(User actor, List<Issue> issues) {
        Issue parent = issues.stream()
                .min(Comparator.comparingLong(Issue::timesSeen).reversed().thenComparing(Issue::id))
                .orElseThrow();
        List<Issue> children = issues.stream().filter(i -> i != parent).sorted(Comparator.comparing(Issue::id)).toList();
        var merged = Json.createArrayBuilder();
        for (Issue child : children) {
            parent.absorb(child);
            merged.add(Json.createObjectBuilder().add("id", child.id().toString()));
        }
        activities.record(parent.id(), parent.project().id(), actor, ActivityLog.MERGE,
                Json.createObjectBuilder().add("issues", merged).build(), Timestamps.now());
        return new BulkOutcome.Merge(parent.id(), children.stream().map(Issue::id).toList());
    }

    /**
     * Marks the issue for deletion: from now on it is 404 on every path.
     */
    @Transactional
    public void delete(Caller caller, String organization, String issueId) {
        Issue issue = lookup.find(caller, organization, issueId);
        issue.markPendingDeletion();
        em.flush();
    }

    /** The issue's current version, for the answer to a failed conditional update. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Long currentVersion(Caller caller, String organization, String issueId) {
        return lookup.find(caller, organization, issueId).version();
    }
}
