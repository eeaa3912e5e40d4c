package dev.triage.release.boundary;

import dev.triage.release.control.Releases;
import java.time.Instant;
import java.util.List;

/**
 * A release as Sentry's release serializer writes it, with the keys sentry-cli reads
 * ({@code version}, {@code dateCreated}, {@code dateReleased}, {@code lastEvent}, {@code newGroups},
 * {@code projects}, {@code lastCommit}); deploys and health data are not kept here.
 */
public record ReleaseView(
        long id,
        String version,
        String shortVersion,
        String ref,
        String url,
        Instant dateCreated,
        Instant dateReleased,
        String status,
        long commitCount,
        CommitView lastCommit,
        Object lastDeploy,
        Instant firstEvent,
        Instant lastEvent,
        long newGroups,
        long deployCount,
        List<String> authors,
        List<ProjectView> projects) {

    public record CommitView(String id, String message, Instant dateCreated, RepositoryName repository) {}

    public record RepositoryName(String name) {}

    public record ProjectView(String id, String slug, String name, String platform, List<String> platforms,
                              long newGroups, boolean hasHealthData) {}

    static ReleaseView from(Releases.ReleaseDetails r) {
        Releases.LastCommit c = r.lastCommit();
        return new ReleaseView(r.id(), r.version(), r.version(), r.ref(), r.url(), r.dateCreated(), r.dateReleased(),
                "open", r.commitCount(),
                c == null ? null : new CommitView(c.id(), c.message(), c.dateCreated(), new RepositoryName(c.repository())),
                null, null, null, 0, 0, List.of(),
                r.projects().stream().map(p -> new ProjectView(Long.toString(p.id()), p.slug(), p.name(), p.platform(),
                        p.platform() == null ? List.of() : List.of(p.platform()), 0, false)).toList());
    }
}
