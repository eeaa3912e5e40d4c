package dev.triage.organization.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.Locale;

@Entity
@Table(name = "project")
public class Project {

    @Id
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organization_id")
    private Organization organization;

    private String slug;

    private String name;

    private String platform;

    @Column(name = "next_short_id")
    private long nextShortId;

    protected Project() {}

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

    /** Sentry's short-id prefix: the slug in upper case. */
    public String shortIdPrefix() {
        return slug.toUpperCase(Locale.ROOT);
    }
}
