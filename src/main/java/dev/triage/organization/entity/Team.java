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

@Entity
@Table(name = "team")
public class Team {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organization_id")
    private Organization organization;

    private String slug;

    private String name;

    @Column(name = "date_created")
    private Instant dateCreated;

    private String status;

    @Version
    private long version;

    protected Team() {}

    public Team(Organization organization, String slug, String name, Instant now) {
        this.organization = organization;
        this.slug = slug;
        this.name = name;
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

    public Instant dateCreated() {
        return dateCreated;
    }

    public boolean active() {
        return Status.ACTIVE.equals(status);
    }

    public void rename(String name) {
        this.name = name;
    }

    public void changeSlug(String slug) {
        this.slug = slug;
    }

    public void markPendingDeletion() {
        this.status = Status.PENDING_DELETION;
    }
}
