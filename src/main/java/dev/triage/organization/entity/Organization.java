package dev.triage.organization.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A tenant. Everything an API caller can see belongs to exactly one organization. */
@Entity
@Table(name = "organization")
public class Organization {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String slug;

    private String name;

    @Column(name = "open_membership")
    private boolean openMembership;

    @Column(name = "date_created")
    private Instant dateCreated;

    private String status;

    @Version
    private long version;

    protected Organization() {}

    public Organization(String slug, String name, Instant now) {
        this.slug = slug;
        this.name = name;
        this.openMembership = true;
        this.dateCreated = now;
        this.status = Status.ACTIVE;
    }

    public Long id() {
        return id;
    }

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }

    public boolean openMembership() {
        return openMembership;
    }

    public Instant dateCreated() {
        return dateCreated;
    }

    public boolean active() {
        return Status.ACTIVE.equals(status);
    }

    /** Whether {@code slugOrId} (from a path) names this organization. */
    public boolean isNamedBy(String slugOrId) {
        return slug.equals(slugOrId) || id.toString().equals(slugOrId);
    }

    public void rename(String name) {
        this.name = name;
    }

    public void changeSlug(String slug) {
        this.slug = slug;
    }

    public void changeOpenMembership(boolean open) {
        this.openMembership = open;
    }

    public void markPendingDeletion() {
        this.status = Status.PENDING_DELETION;
    }
}
