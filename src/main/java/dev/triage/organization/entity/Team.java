package dev.triage.organization.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "team")
public class Team {

    @Id
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organization_id")
    private Organization organization;

    private String slug;

    private String name;

    protected Team() {}

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
}
