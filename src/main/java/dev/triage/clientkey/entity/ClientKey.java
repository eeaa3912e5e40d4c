package dev.triage.clientkey.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A project's client key (Sentry's "ProjectKey"): the public half goes into the DSN an SDK is
 * configured with and authenticates the events it sends; an inactive key is refused.
 */
@Entity
@Table(name = "client_key")
public class ClientKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "project_id")
    private Long projectId;

    private String label;

    @Column(name = "public_key")
    private String publicKey;

    @Column(name = "secret_key")
    private String secretKey;

    @Column(name = "is_active")
    private boolean active;

    @Column(name = "rate_limit_window")
    private Integer rateLimitWindow;

    @Column(name = "rate_limit_count")
    private Integer rateLimitCount;

    @Column(name = "date_created")
    private Instant dateCreated;

    protected ClientKey() {}

    /** A new active key with fresh random halves (128 bits each, as Sentry's). */
    public ClientKey(Long projectId, String label, Instant now) {
        this.projectId = projectId;
        this.label = label;
        this.publicKey = randomHex();
        this.secretKey = randomHex();
        this.active = true;
        this.dateCreated = now;
    }

    private static String randomHex() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public Long id() { return id; }
    public Long projectId() { return projectId; }
    public String label() { return label; }
    public String publicKey() { return publicKey; }
    public String secretKey() { return secretKey; }
    public boolean active() { return active; }
    public Integer rateLimitWindow() { return rateLimitWindow; }
    public Integer rateLimitCount() { return rateLimitCount; }
    public Instant dateCreated() { return dateCreated; }

    public void rename(String newLabel) {
        label = newLabel;
    }

    public void activate(boolean isActive) {
        active = isActive;
    }

    /** Sets the rate limit: at most {@code count} events per {@code window} seconds (null: none). */
    public void limitRate(Integer window, Integer count) {
        rateLimitWindow = window;
        rateLimitCount = count;
    }
}
