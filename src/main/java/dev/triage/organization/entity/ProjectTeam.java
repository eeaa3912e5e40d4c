package dev.triage.organization.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A team's access to a project: in an organization without open membership, the way in. */
@Entity
@Table(name = "project_team")
@IdClass(ProjectTeam.Key.class)
public class ProjectTeam {

    public record Key(Long projectId, Long teamId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "project_id")
    private Long projectId;

    @Id
    @Column(name = "team_id")
    private Long teamId;

    protected ProjectTeam() {}

    public ProjectTeam(Long projectId, Long teamId) {
        this.projectId = projectId;
        this.teamId = teamId;
    }

    public Long projectId() { return projectId; }
    public Long teamId() { return teamId; }
}
