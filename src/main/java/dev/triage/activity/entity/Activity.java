package dev.triage.activity.entity;

import dev.triage.identity.entity.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of an issue's history, as Sentry records it (type names are Sentry's). */
@Entity
@Table(name = "activity")
public class Activity {

    /** Ids come 50 at a time from the column's sequence (see V50), so inserts can be batched. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "activity_ids")
    @SequenceGenerator(name = "activity_ids", sequenceName = "activity_ids", allocationSize = 50)
    private Long id;

    @Column(name = "issue_id")
    private Long issueId;

    @Column(name = "project_id")
    private Long projectId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id")
    private User user;

    private String type;

    /** A JSON object. */
    private String data;

    @Column(name = "date_created")
    private Instant dateCreated;

    protected Activity() {}

    public Activity(Long issueId, Long projectId, User user, String type, String data, Instant dateCreated) {
        this.issueId = issueId;
        this.projectId = projectId;
        this.user = user;
        this.type = type;
        this.data = data;
        this.dateCreated = dateCreated;
    }

    /** The same entry again: same type, same user and same data (how Sentry folds repeats). */
    public boolean repeats(Activity other) {
        return type.equals(other.type) && java.util.Objects.equals(userId(), other.userId())
                && data.equals(other.data);
    }

    private Long userId() {
        return user == null ? null : user.id();
    }

    /** Replaces a note's data (its text) when the author edits it. */
    public void changeData(String newData) {
        data = newData;
    }

    public Long id() { return id; }
    public Long issueId() { return issueId; }
    public User user() { return user; }
    public String type() { return type; }
    public String data() { return data; }
    public Instant dateCreated() { return dateCreated; }
}
