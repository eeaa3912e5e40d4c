package dev.triage.issue.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The public share of an issue; the issue is public while this row exists. */
@Entity
@Table(name = "issue_share")
public class IssueShare {

    @Id
    @Column(name = "issue_id")
    private Long issueId;

    @Column(name = "share_id")
    private String shareId;

    @Column(name = "date_created")
    private Instant dateCreated;

    protected IssueShare() {}

    public IssueShare(Long issueId, String shareId, Instant dateCreated) {
        this.issueId = issueId;
        this.shareId = shareId;
        this.dateCreated = dateCreated;
    }

    /** A new share id for the same issue: the old public link stops working. */
    public void renew(String newShareId, Instant now) {
        shareId = newShareId;
        dateCreated = now;
    }

    public Long issueId() { return issueId; }
    public String shareId() { return shareId; }
}
