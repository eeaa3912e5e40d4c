package dev.triage.release.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "release")
public class Release {

    @Id
    private Long id;

    @Column(name = "organization_id")
    private Long organizationId;

    private String version;

    @Column(name = "date_created")
    private Instant dateCreated;

    @Column(name = "date_released")
    private Instant dateReleased;

    protected Release() {}

    public Long id() {
        return id;
    }

    public Long organizationId() {
        return organizationId;
    }

    public String version() {
        return version;
    }

    public Instant dateCreated() {
        return dateCreated;
    }

    public Instant dateReleased() {
        return dateReleased;
    }
}
