package dev.triage.release.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A source repository of an organization; commits that resolve issues live in one. */
@Entity
@Table(name = "repository")
public class Repository {

    @Id
    private Long id;

    @Column(name = "organization_id")
    private Long organizationId;

    private String name;

    protected Repository() {}

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }
}
