package dev.triage.organization.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import org.hibernate.annotations.Generated;
import org.hibernate.generator.EventType;

/** A user's membership of an organization: what makes its issues visible to them. */
@Entity
@Table(name = "organization_member")
@IdClass(OrganizationMember.Key.class)
public class OrganizationMember {

    public record Key(Long organizationId, Long userId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "organization_id")
    private Long organizationId;

    @Id
    @Column(name = "user_id")
    private Long userId;

    /** Sentry's member id (the member endpoints' path), assigned by the database. */
    @Column(name = "id", insertable = false, updatable = false)
    @Generated(event = EventType.INSERT)
    private Long memberId;

    private String role;

    @Column(name = "date_created")
    private Instant dateCreated;

    protected OrganizationMember() {}

    public OrganizationMember(Long organizationId, Long userId, Role role, Instant now) {
        this.organizationId = organizationId;
        this.userId = userId;
        this.role = role.id();
        this.dateCreated = now;
    }

    public Long organizationId() { return organizationId; }
    public Long userId() { return userId; }
    public Long memberId() { return memberId; }
    public Instant dateCreated() { return dateCreated; }

    public Role role() {
        return Role.of(role).orElseThrow(() -> new IllegalStateException("unknown role " + role));
    }

    public void changeRole(Role role) {
        this.role = role.id();
    }
}
