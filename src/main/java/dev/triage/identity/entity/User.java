package dev.triage.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A person who signs in with a JWT whose {@code sub} is {@link #subject()}. */
@Entity
@Table(name = "app_user")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String username;

    private String email;

    private String name;

    @Column(name = "jwt_subject")
    private String subject;

    @Column(name = "date_joined")
    private Instant dateJoined;

    @Version
    private long version;

    protected User() {}

    public User(String subject, String username, String email, String name, Instant now) {
        this.subject = subject;
        this.username = username;
        this.email = email;
        this.name = name;
        this.dateJoined = now;
    }

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

    public Instant dateJoined() {
        return dateJoined;
    }

    /** Takes the identity provider's current email and name; answers whether anything changed. */
    public boolean updateProfile(String email, String name) {
        boolean changed = false;
        if (email != null && !email.equals(this.email)) {
            this.email = email;
            changed = true;
        }
        if (name != null && !name.equals(this.name)) {
            this.name = name;
            changed = true;
        }
        return changed;
    }
}
