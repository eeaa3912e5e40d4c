package dev.triage.organization.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant. Everything an API caller can see belongs to exactly one organization. */
@Entity
@Table(name = "organization")
public class Organization {

    @Id
    private Long id;

    private String slug;

    private String name;

    @Column(name = "open_membership")
    private boolean openMembership;

    protected Organization() {}

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
}
