package dev.triage.release.control;

import java.time.Instant;
import java.util.List;

/**
 * What a release POST or PUT brings, as sentry-cli sends it: null means "not submitted".
 *
 * @param projects the slugs or ids of the projects the release belongs to (POST: required)
 * @param refs head commits per repository ({@code set-commits --commit repo@sha})
 * @param commits the release's full commit list, newest first ({@code set-commits --local/--auto})
 */
public record ReleaseChange(String version, List<String> projects, String url, String ref, Instant dateReleased,
                            List<Ref> refs, List<CommitData> commits) {

    /** A repository's head commit in the release, and optionally where the range began. */
    public record Ref(String repository, String commit, String previousCommit) {}

    /** One commit of an uploaded list; {@code repository} null: Sentry's per-organization default. */
    public record CommitData(String id, String repository, String message, String authorName, String authorEmail,
                             Instant timestamp) {}
}
