package dev.triage.release.boundary;

import dev.triage.release.control.Releases;
import java.time.Instant;

/**
 * A repository as Sentry's repository serializer writes it ({@code GET /organizations/{org}/repos/},
 * which sentry-cli's {@code set-commits} reads to check the repositories it names). Repositories
 * here come from uploaded commits or the administrator, not from a provider integration:
 * {@code provider} says so.
 */
public record RepositoryView(String id, String name, String url, Provider provider, String status,
                             Instant dateCreated, String integrationId, String externalSlug) {

    public record Provider(String id, String name) {}

    static final Provider NONE = new Provider("unknown", "Unknown Provider");

    static RepositoryView from(Releases.RepositoryRow row) {
        return new RepositoryView(Long.toString(row.id()), row.name(), null, NONE, "active", row.dateCreated(), null,
                null);
    }

}
