package dev.triage.release.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "repository_commit")
public class Commit {

    @Id
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "repository_id")
    private Repository repository;

    @Column(name = "commit_key")
    private String key;

    protected Commit() {}

    public Long id() {
        return id;
    }

    public Repository repository() {
        return repository;
    }

    public String key() {
        return key;
    }
}
