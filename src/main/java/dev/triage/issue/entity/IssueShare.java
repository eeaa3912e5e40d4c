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

    public Long issueId() { return issueId; }
    public String shareId() { return shareId; }
}
