package dev.triage.it;

import java.time.Duration;

/**
 * A new issue for a test, described the way a test reads ("an ignored issue first seen two days
 * ago") and written straight into the database with the project's next short id. Defaults: an
 * unresolved, ongoing error seen 5 times by 2 users, first seen 30 days and last seen an hour ago,
 * priority medium.
 */
public final class IssueFixture {

    private final long projectId;
    private String title = "fixture";
    private String level = "error";
    private String status = "unresolved";
    private String substatus = "ongoing";
    private Duration firstSeenAgo = Duration.ofDays(30);
    private Long assigneeUserId;
    private Long mergedIntoId;
    private boolean pendingDeletion;

    IssueFixture(long projectId) {
        this.projectId = projectId;
    }

    public IssueFixture titled(String newTitle) {
        title = newTitle;
        return this;
    }

    public IssueFixture level(String newLevel) {
        level = newLevel;
        return this;
    }

    public IssueFixture resolved() {
        return status("resolved", null);
    }

    public IssueFixture ignored() {
        return status("ignored", "archived_forever");
    }

    private IssueFixture status(String newStatus, String newSubstatus) {
        status = newStatus;
        substatus = newSubstatus;
        return this;
    }

    public IssueFixture firstSeenAgo(Duration ago) {
        firstSeenAgo = ago;
        return this;
    }

    public IssueFixture assignedTo(long userId) {
        assigneeUserId = userId;
        return this;
    }

    public IssueFixture mergedInto(long parentId) {
        mergedIntoId = parentId;
        return this;
    }

    public IssueFixture pendingDeletion() {
        pendingDeletion = true;
        return this;
    }

    /** Writes the issue; answers its id. */
    public long create() {
        return Fixtures.single("""
                with n as (update project set next_short_id = next_short_id + 1 where id = ?
                           returning next_short_id - 1 as number)
                insert into issue (project_id, short_id_number, title, culprit, level, platform, type, metadata,
                                   times_seen, user_count, first_seen, last_seen, status, substatus, priority, initial_priority,
                                   assignee_user_id, merged_into_id, pending_deletion)
                select ?, n.number, ?, 'tests in fixture', ?, 'python', 'error', '{"title": "fixture"}',
                       5, 2, now() - ? * interval '1 second', now() - interval '1 hour', ?, ?, 'medium', 'medium', ?, ?, ?
                from n returning id""", projectId, projectId, title, level, firstSeenAgo.toSeconds(), status,
                substatus, assigneeUserId, mergedIntoId, pendingDeletion);
    }
}
