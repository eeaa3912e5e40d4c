package dev.triage.organization.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A user in a team: assigning the team subscribes its members. */
@Entity
@Table(name = "team_member")
@IdClass(TeamMember.Key.class)
public class TeamMember {

    public record Key(Long teamId, Long userId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "team_id")
    private Long teamId;

    @Id
    @Column(name = "user_id")
    private Long userId;

    protected TeamMember() {}

    public TeamMember(Long teamId, Long userId) {
        this.teamId = teamId;
        this.userId = userId;
    }

    public Long teamId() { return teamId; }
    public Long userId() { return userId; }
}
