package dev.triage.issue.control;

import dev.triage.activity.entity.Activity;
import dev.triage.identity.control.Caller;
import dev.triage.identity.entity.User;
import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.IssueShare;
import dev.triage.issue.entity.IssueUserState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** The issue use cases. Knows nothing about HTTP; every public method is one transaction. */
@ApplicationScoped
public class IssueService {

    static final int ACTIVITY_LIMIT = 100;

    @PersistenceContext(unitName = "triage")
    EntityManager em;

    @Inject
    IssueLookup lookup;

    /**
     * The issue with everything the details GET shows.
     *
     * @throws dev.triage.issue.entity.IssueNotFound when the caller may not see it
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public IssueDetails retrieve(Caller caller, String organization, String issueId) {
        Issue issue = lookup.find(caller, organization, issueId);
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
                .filter(s -> s.key().userId().equals(caller.userId())).findFirst().orElse(null);
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
}
