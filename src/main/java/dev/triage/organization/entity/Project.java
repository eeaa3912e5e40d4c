package dev.triage.organization.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;

@Entity
@Table(name = "project")
public class Project {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organization_id")
    private Organization organization;

    private String slug;

    private String name;

    private String platform;

    @Column(name = "next_short_id")
    private long nextShortId;

    @Column(name = "date_created")
    private Instant dateCreated;

    private String status;

    @Version
    private long version;

    protected Project() {}

    public Project(Organization organization, String slug, String name, String platform, Instant now) {
        this.organization = organization;
        this.slug = slug;
        this.name = name;
        this.platform = platform;
        this.nextShortId = 1;
        this.dateCreated = now;
        this.status = Status.ACTIVE;
    }

    public Long id() {
        return id;
    }

    public Organization organization() {
        return organization;
    }

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }

    public String platform() {
        return platform;
    }

    public Instant dateCreated() {
        return dateCreated;
    }

    public boolean active() {
        return Status.ACTIVE.equals(status);
    }

    /** Sentry's short-id prefix: the slug in upper case (a renamed project's issues keep their numbers). */
    public String shortIdPrefix() {
        return slug.toUpperCase(Locale.ROOT);
    }

    public void rename(String name) {
        this.name = name;
    }

    public void changeSlug(String slug) {
        this.slug = slug;
    }

    public void changePlatform(String platform) {
        this.platform = platform;
    }

    public void markPendingDeletion() {
        this.status = Status.PENDING_DELETION;
    }
}
