package dev.triage.issue.entity;

import jakarta.persistence.Converter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** An issue's status, as Sentry's {@code GroupStatus} names them on the wire. */
public enum IssueStatus implements WireName {
    UNRESOLVED("unresolved"),
    RESOLVED("resolved"),
    IGNORED("ignored");

    private final String wireName;

    IssueStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /**
     * The status a search term ({@code is:...}) or a status filter names: the wire names, plus
     * {@code muted} and {@code archived}, Sentry's older and newer words for ignored.
     */
    public static Optional<IssueStatus> fromSearch(String word) {
        if (IGNORED_ALIASES.contains(word)) {
            return Optional.of(IGNORED);
        }
        return WireName.find(IssueStatus.class, word);
    }

    /** Every word {@link #fromSearch} knows, the wire names first. */
    public static List<String> searchWords() {
        return Stream.concat(Stream.of(values()).map(IssueStatus::wireName), IGNORED_ALIASES.stream()).toList();
    }

    private static final List<String> IGNORED_ALIASES = List.of("archived", "muted");

    @Converter(autoApply = true)
    public static class Column extends WireNameConverter<IssueStatus> {
        public Column() {
            super(IssueStatus.class);
        }
    }
}
