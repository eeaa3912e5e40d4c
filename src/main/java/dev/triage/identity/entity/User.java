package dev.triage.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person who signs in with a JWT whose {@code sub} is {@link #subject()}. */
@Entity
@Table(name = "app_user")
public class User {

    @Id
    private Long id;

    private String username;

    private String email;

    private String name;

    @Column(name = "jwt_subject")
    private String subject;

    protected User() {}

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public String subject() {
        return subject;
    }
}
