package dev.triage.issue.control;

import dev.triage.activity.control.ActivityLog;
import dev.triage.activity.entity.Activity;
import dev.triage.identity.control.Caller;
import dev.triage.identity.control.Scope;
import dev.triage.identity.entity.User;
import dev.triage.ingest.control.IssueCounters;
import dev.triage.ingest.control.IssueRollups;
import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.IssueShare;
import dev.triage.issue.entity.IssueUserState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.FlushMode;
import org.hibernate.Session;

/** The issue use cases. Knows nothing about HTTP; every public method is one transaction. */
@ApplicationScoped
public class IssueService {

    /** The most entries the history of an issue shows, its first sighting included (Sentry: 100). */
    public static final int ACTIVITY_LIMIT = 100;
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

    @Inject
    IssueStats stats;

    /** Ticks in microseconds, as the database keeps time. */
    @Inject
    Clock clock;

    @Inject
    IssueRollups rollups;

    @Inject
    IssueCounters counters;

    /**
     * The issue with everything the details GET shows.
     *
     * @throws dev.triage.issue.entity.IssueNotFound when the caller may not see it
     */
    // reads without a transaction and without a transactional interceptor: SUPPORTS, called from
    // a resource, started none and cost about 1.7 % of a details GET's CPU
    public IssueDetails retrieve(Caller caller, String organization, String issueId) {
        IssueLookup.FoundWithRows found = lookup.findWithRows(caller, organization, issueId);
        Issue issue = found.issue();
        Long me = found.caller().id();
        List<IssueUserState> states = List.copyOf(found.states().values());
        List<User> users = found.users().values().stream().sorted(Comparator.comparing(User::id)).toList();
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
        List<Activity> activity = activities.history(issue.id(), ACTIVITY_LIMIT);
        Map<IssueStats.Period, Map<Long, List<IssueStats.Bucket>>> timelines = stats.timelines(List.of(issue.id()),
                List.of(IssueStats.Period.LAST_24_HOURS, IssueStats.Period.LAST_30_DAYS), Instant.now(clock));
        return new IssueDetails(new IssueForCaller(issue, mine, found.share()),
                activity, seenBy, participants,
                timelines.get(IssueStats.Period.LAST_24_HOURS).get(issue.id()),
                timelines.get(IssueStats.Period.LAST_30_DAYS).get(issue.id()),
                rollups.tags(issue.id()));
    }

    /** An issue's recorded history as it is listed (repeats folded), newest first. */
    public record History(Issue issue, List<Activity> activity) {}

    /**
     * The history the details GET shows, on its own (Sentry's activities endpoint).
     *
     * @throws dev.triage.issue.entity.IssueNotFound when the caller may not see the issue
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public History history(Caller caller, String organization, String issueId) {
        Issue issue = lookup.find(caller, organization, issueId);
        return new History(issue, activities.history(issue.id(), ACTIVITY_LIMIT));
    }

    /**
     * Applies a partial update to the target's issues, with Sentry's rules, in one transaction:
     * everything is checked before anything is written (if one issue refuses, none changes), each
     * effective change writes Sentry's activity, and each changed issue's version goes up once.
     * Call it through {@link UpdateRetries}, which retries on conflicts.
     *
     * @param expectedVersion the version {@code If-Match} named (one issue only), or null for "the latest"
     * @param attempt which attempt this is: a retry after a conflict locks the target's issue rows
     *     before reading them, so it waits for concurrent writers of those issues instead of racing
     *     them and cannot lose to them again; the issues found are recorded in it for the next one
     * @throws dev.triage.issue.entity.IssueNotFound when one issue is the target and the caller may not see it
     * @throws InvalidUpdate when a value or reference is refused (nothing written)
     * @throws InvalidSearch when a merge cannot be done with the selection
     * @throws StaleIssueVersion when {@code expectedVersion} is not the current version
     */
    @Transactional
    public UpdateOutcome update(Caller caller, UpdateTarget target, IssueUpdate update, Long expectedVersion,
            UpdateAttempt attempt) {
        if (attempt.locked()) {
            lockIssuesOf(caller, target, attempt.foundBefore());
        }
        User actor;
        List<Issue> issues;
        Map<Long, IssueRows> rows;
        if (target instanceof UpdateTarget.OneIssue one) {
            // one query: the issue, the caller, the share and the per-user rows
            IssueLookup.FoundWithRows found = lookup.findForUpdate(caller, one.organization(), one.issueId());
            actor = found.caller();
            issues = List.of(found.issue());
            rows = Map.of(found.issue().id(), new IssueRows(found.issue(), found.share(), found.states()));
        } else {
            IssueSearch.Selected selected = search.select(caller, (IssueSelection) target, 0, BULK_LIMIT);
            actor = selected.caller();
            issues = selected.issues();
            rows = issues.isEmpty() ? Map.of() : rows(issues);
        }
        if (issues.isEmpty()) {
            return UpdateOutcome.NOTHING_MATCHED;
        }
        attempt.found(issues.stream().map(Issue::id).toList());
        if (expectedVersion != null && expectedVersion != issues.get(0).version()) {
            throw new StaleIssueVersion(issues.get(0).version());
        }
        if (update.discards()) {
            discard(caller, issues);
            return UpdateOutcome.DISCARDED;
        }
        // the details PUT ignores merge, as Sentry's does (update.py merges only more than one group)
        boolean merging = update.merges() && !(target instanceof UpdateTarget.OneIssue);
        if (merging) {
            checkMergeable(issues);
        }
        IssueEdit.Context context = new IssueEdit.Context(actor, Instant.now(clock), activities, references.memo());
        List<UpdateReferences> found = issues.stream().map(issue -> context.references().resolve(update, issue)).toList();
        for (int i = 0; i < issues.size(); i++) {
            Issue issue = issues.get(i);
            IssueEdit edit = new IssueEdit(context, issue, rows.get(issue.id()), found.get(i));
            edit.apply(update);
            rows.get(issue.id()).stage(em);
            if (!edit.issueChanged() && (edit.shareChanged() || edit.userRowsChanged() && expectedVersion != null)) {
                em.lock(issue, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
            }
        }
        UpdateOutcome.Merge merge = merging ? merge(actor, issues, context.now()) : null;
        em.flush();
        // everything is written: the commit need not look through the persistence context again
        // (its flush found nothing to write and cost about 3 % of a PUT's CPU)
        em.unwrap(Session.class).setHibernateFlushMode(FlushMode.MANUAL);
        List<IssueForCaller> answers = issues.stream().map(issue -> new IssueForCaller(issue,
                rows.get(issue.id()).shown(actor.id()), rows.get(issue.id()).share())).toList();
        return new UpdateOutcome(answers, merge, false);
    }

    /**
     * Locks the rows of the issues {@code target} names and their per-user rows (in id order, so
     * two such updates cannot deadlock), then forgets what was read: the update reads them again,
     * in a statement that starts after the locks were granted, so it sees every write committed before.
     * One issue that the failed attempt before found is locked by its id, without finding it again
     * (see {@link UpdateAttempt}); a selection is selected again (what it matches may have changed).
     */
    private void lockIssuesOf(Caller caller, UpdateTarget target, List<Long> foundBefore) {
        List<Long> ids = target instanceof UpdateTarget.OneIssue one
                ? (foundBefore.isEmpty() ? List.of(lookup.find(caller, one.organization(), one.issueId()).id()) : foundBefore)
                : search.select(caller, (IssueSelection) target, 0, BULK_LIMIT).issues().stream().map(Issue::id).toList();
        if (!ids.isEmpty()) {
            // FOR NO KEY UPDATE: the lock an UPDATE of the row takes (FOR UPDATE would also block inserts referencing it)
            em.createNativeQuery("select id from issue where id in (:ids) order by id for no key update")
                    .setParameter("ids", ids).getResultList();
            // and their per-user rows, which a caller's own seen/bookmark/subscription change writes
            // without touching the issue row
            em.createNativeQuery("""
                    select issue_id from issue_user_state where issue_id in (:ids) order by issue_id, user_id
                    for no key update""").setParameter("ids", ids).getResultList();
        }
        em.clear();
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
        List<IssueForCaller> page = selected.issues().stream().map(issue -> {
            IssueUserState mine = states.getOrDefault(issue.id(), Map.of()).get(selected.caller().id());
            return new IssueForCaller(issue, mine, shares.get(issue.id()));
        }).toList();
        long hits = offset == 0 && !selected.more() ? selected.issues().size() : search.count(caller, selection);
        return new IssuePage(page, stats.timelines(ids, IssueStats.Period.LAST_24_HOURS, Instant.now(clock)),
                offset, selected.more(), hits);
    }

    /**
     * Each issue's rows beside its own, loaded at once. A change of the issue is one
     * version-checked UPDATE of its row, so a concurrent writer or a stale {@code If-Match} fails
     * at the flush instead of being overwritten. A change of the share is everyone's view of the
     * issue too: it bumps the version alone. The caller's own seen/bookmark/subscription rows are
     * nobody else's, so they bump it only when the update is conditional, to decide
     * {@code If-Match} in that same UPDATE.
     */
    private Map<Long, IssueRows> rows(List<Issue> issues) {
        List<Long> ids = issues.stream().map(Issue::id).toList();
        Map<Long, IssueShare> shares = search.shares(ids);
        Map<Long, Map<Long, IssueUserState>> states = search.states(ids, null);
        Map<Long, IssueRows> rows = new HashMap<>();
        issues.forEach(issue -> rows.put(issue.id(),
                new IssueRows(issue, shares.get(issue.id()), states.getOrDefault(issue.id(), Map.of()))));
        return rows;
    }

    private void discard(Caller caller, List<Issue> issues) {
        if (!caller.has(Scope.EVENT_ADMIN)) {
            throw InvalidUpdate.of("discard", "You do not have permission to discard events");
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
     * Merges the issues into the one seen most often, ties to the highest id, as Sentry's
     * {@code issues/merge.py} does; the children in that same order. The children's ids resolve to
     * the parent from now on, and their history and comments are the parent's.
     */
    private UpdateOutcome.Merge merge(User actor, List<Issue> issues, Instant now) {
        List<Issue> bySightings = issues.stream()
                .sorted(Comparator.comparingLong(Issue::timesSeen).thenComparing(Issue::id).reversed())
                .toList();
        Issue parent = bySightings.get(0);
        List<Issue> children = bySightings.subList(1, bySightings.size());
        List<Long> childIds = children.stream().map(Issue::id).toList();
        counters.addMerged(parent.id(), childIds);
        children.forEach(parent::absorb);
        activities.moveTo(parent.id(), childIds);
        activities.record(parent.id(), parent.project().id(), actor, ActivityLog.merged(childIds), now);
        return new UpdateOutcome.Merge(parent.id(), childIds);
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
