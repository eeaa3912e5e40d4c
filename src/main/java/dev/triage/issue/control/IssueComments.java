package dev.triage.issue.control;

import dev.triage.activity.control.ActivityLog;
import dev.triage.activity.entity.Activity;
import dev.triage.identity.control.Caller;
import dev.triage.identity.entity.User;
import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.IssueNotFound;
import dev.triage.issue.entity.IssueUserState;
import dev.triage.issue.entity.SubscriptionReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comments on an issue (Sentry's notes: activities of type {@code note}), as Sentry's
 * {@code issues/endpoints/group_notes.py} and {@code group_notes_details.py} handle them: the
 * author is subscribed ({@code commented}), mentioned members ({@code @username} in the text or
 * {@code mentions}) are subscribed ({@code mentioned}), so are the members of mentioned teams
 * ({@code team_mentioned}); {@code numComments} counts the notes; only the author edits or
 * deletes a note. Call the writing methods through {@link UpdateRetries#retrying}.
 */
@ApplicationScoped
public class IssueComments {

    static final String ALREADY_POSTED = "You have already posted that comment.";
    private static final Pattern AT_USERNAME = Pattern.compile("(?<![\\w@])@([\\w.+-]+)");

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    @Inject
    IssueLookup lookup;

    @Inject
    ActivityLog activities;

    @Inject
    Clock clock;

    /** A new comment as submitted: its text and whom it mentions explicitly. */
    public record NewNote(String text, List<IssueUpdate.ActorRef> mentions) {}

    /** At most {@code max} of the issue's notes, newest first, from the {@code first} on. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Activity> list(Caller caller, String organization, String issueId, int first, int max) {
        Issue issue = lookup.find(caller, organization, issueId);
        return em.createQuery("select a from Activity a left join fetch a.user where a.issueId = :issue"
                        + " and a.type = :note order by a.dateCreated desc, a.id desc", Activity.class)
                .setParameter("issue", issue.id())
                .setParameter("note", ActivityLog.NOTE)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    /**
     * @throws InvalidUpdate when the same author posted the same text within the hour, or a
     *     mention names nobody of the organization
     */
    @Transactional
    public Activity post(Caller caller, String organization, String issueId, NewNote note) {
        IssueLookup.Found found = lookup.findWithCaller(caller, organization, issueId);
        Issue issue = found.issue();
        User author = found.caller();
        Instant now = Instant.now(clock);
        ActivityLog.Entry entry = ActivityLog.note(note.text());
        boolean repeated = !em.createQuery("select a.id from Activity a where a.issueId = :issue and a.type = :note"
                        + " and a.user.id = :author and a.data = :data and a.dateCreated >= :since", Long.class)
                .setParameter("issue", issue.id()).setParameter("note", ActivityLog.NOTE)
                .setParameter("author", author.id()).setParameter("data", activities.dataOf(entry))
                .setParameter("since", now.minus(Duration.ofHours(1)))
                .setMaxResults(1).getResultList().isEmpty();
        if (repeated) {
            throw InvalidUpdate.ofDetail(ALREADY_POSTED);
        }
        Map<Long, SubscriptionReason> subscriptions = new LinkedHashMap<>();
        subscriptions.put(author.id(), SubscriptionReason.COMMENTED);
        mentioned(issue, note).forEach((user, reason) -> subscriptions.putIfAbsent(user, reason));
        subscribe(issue, subscriptions);
        Activity activity = activities.record(issue.id(), issue.project().id(), author, entry, now);
        countComments(issue, 1);
        em.flush();
        return activity;
    }

    /** Replaces the text of the caller's own note. */
    @Transactional
    public Activity edit(Caller caller, String organization, String issueId, String noteId, String text) {
        IssueLookup.Found found = lookup.findWithCaller(caller, organization, issueId);
        Activity note = ownNote(found, noteId);
        note.changeData(activities.dataOf(ActivityLog.note(text)));
        em.flush();
        return note;
    }

    /**
     * Deletes the caller's own note; when it was their last one on the issue, their subscription
     * for commenting ends with it.
     */
    @Transactional
    public void delete(Caller caller, String organization, String issueId, String noteId) {
        IssueLookup.Found found = lookup.findWithCaller(caller, organization, issueId);
        Activity note = ownNote(found, noteId);
        Issue issue = found.issue();
        em.remove(note);
        countComments(issue, -1);
        long left = em.createQuery("select count(a) from Activity a where a.issueId = :issue and a.type = :note"
                        + " and a.user.id = :author and a.id <> :id", Long.class)
                .setParameter("issue", issue.id()).setParameter("note", ActivityLog.NOTE)
                .setParameter("author", found.caller().id()).setParameter("id", note.id())
                .getSingleResult();
        if (left == 0) {
            IssueUserState state = em.find(IssueUserState.class, new IssueUserState.Key(issue.id(), found.caller().id()));
            if (state != null && state.dropSubscription(SubscriptionReason.COMMENTED) && state.empty()) {
                em.remove(state);
            }
        }
        em.flush();
    }

    /** The caller's note of that id on this issue; anyone else's, or none, is 404. */
    private Activity ownNote(IssueLookup.Found found, String noteId) {
        Long id = IssueLookup.parseId(noteId);
        Activity note = id == null ? null : em.find(Activity.class, id);
        if (note == null || !note.issueId().equals(found.issue().id()) || !ActivityLog.NOTE.equals(note.type())
                || note.user() == null || !note.user().id().equals(found.caller().id())) {
            throw new IssueNotFound();
        }
        return note;
    }

    /**
     * Members the note mentions, with why: users ({@code @username} in the text, or {@code user:}
     * ids in {@code mentions}) and the members of mentioned teams. Names in the text that are no
     * member of the organization are plain text; an explicit mention of nobody is refused.
     */
    private Map<Long, SubscriptionReason> mentioned(Issue issue, NewNote note) {
        Long organizationId = issue.project().organization().id();
        Map<Long, SubscriptionReason> users = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        Matcher at = AT_USERNAME.matcher(note.text());
        while (at.find()) {
            names.add(at.group(1));
        }
        if (!names.isEmpty()) {
            em.createQuery("select u.id from User u where u.username in :names and exists (select 1 from"
                            + " OrganizationMember m where m.userId = u.id and m.organizationId = :org)", Long.class)
                    .setParameter("names", names).setParameter("org", organizationId)
                    .getResultList().forEach(id -> users.put(id, SubscriptionReason.MENTIONED));
        }
        for (IssueUpdate.ActorRef ref : note.mentions()) {
            if (ref.kind() == IssueUpdate.ActorRef.Kind.TEAM_ID) {
                List<Long> members = em.createQuery("select tm.userId from TeamMember tm, Team t where t.id = tm.teamId"
                                + " and t.id = :team and t.organization.id = :org", Long.class)
                        .setParameter("team", Long.parseLong(ref.value())).setParameter("org", organizationId)
                        .getResultList();
                boolean teamExists = !em.createQuery("select t.id from Team t where t.id = :team"
                                + " and t.organization.id = :org and t.status = 'active'", Long.class)
                        .setParameter("team", Long.parseLong(ref.value())).setParameter("org", organizationId)
                        .getResultList().isEmpty();
                if (!teamExists) {
                    throw InvalidUpdate.of("mentions", "Mentioned team not found");
                }
                members.forEach(id -> users.putIfAbsent(id, SubscriptionReason.TEAM_MENTIONED));
            } else {
                List<Long> user = em.createQuery("select u.id from User u where (u.id = :id or u.username = :name)"
                                + " and exists (select 1 from OrganizationMember m where m.userId = u.id"
                                + " and m.organizationId = :org)", Long.class)
                        .setParameter("id", ref.kind() == IssueUpdate.ActorRef.Kind.USER_ID
                                ? Long.parseLong(ref.value()) : -1L)
                        .setParameter("name", ref.value()).setParameter("org", organizationId)
                        .getResultList();
                if (user.isEmpty()) {
                    throw InvalidUpdate.of("mentions", "Cannot mention a non team member");
                }
                users.put(user.get(0), SubscriptionReason.MENTIONED);
            }
        }
        return users;
    }

    private void subscribe(Issue issue, Map<Long, SubscriptionReason> reasons) {
        Map<Long, IssueUserState> existing = new LinkedHashMap<>();
        em.createQuery("select s from IssueUserState s where s.key.issueId = :issue and s.key.userId in :users",
                        IssueUserState.class)
                .setParameter("issue", issue.id()).setParameter("users", reasons.keySet())
                .getResultList().forEach(s -> existing.put(s.key().userId(), s));
        reasons.forEach((userId, reason) -> {
            IssueUserState state = existing.get(userId);
            if (state == null) {
                state = new IssueUserState(issue.id(), userId);
                state.subscribeUnlessDecided(reason);
                em.persist(state);
            } else {
                state.subscribeUnlessDecided(reason);
            }
        });
    }

    /**
     * Counts notes in {@code numComments} with one UPDATE that also moves the version (the
     * issue's answer changes), without a read-modify-write race between concurrent comments.
     */
    private void countComments(Issue issue, int delta) {
        em.createQuery("update Issue i set i.numComments = i.numComments + :delta, i.version = i.version + 1"
                        + " where i.id = :id")
                .setParameter("delta", delta).setParameter("id", issue.id())
                .executeUpdate();
    }
}
