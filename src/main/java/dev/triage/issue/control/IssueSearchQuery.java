package dev.triage.issue.control;

import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.IssueStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Parses Sentry's issue search syntax, the subset in {@link IssueFilter}. */
public final class IssueSearchQuery {

    static final Set<String> LEVELS = Set.of("sample", "debug", "info", "warning", "error", "fatal");
    static final List<String> IS_VALUES = Stream.concat(IssueStatus.searchWords().stream(),
            Stream.of("assigned", "unassigned", "bookmarked")).toList();

    private IssueSearchQuery() {}

    /** @throws InvalidSearch naming the term it cannot use */
    public static IssueFilter parse(String query) {
        Set<IssueStatus> statuses = new LinkedHashSet<>();
        Set<String> levels = new LinkedHashSet<>();
        Set<String> priorities = new LinkedHashSet<>();
        List<String> text = new ArrayList<>();
        Boolean assigned = null;
        String assignee = null;
        boolean bookmarked = false;
        for (String term : tokens(query)) {
            int colon = term.indexOf(':');
            if (term.startsWith("\"") || colon <= 0) {
                text.add(unquote(term));
                continue;
            }
            String key = term.substring(0, colon);
            String value = unquote(term.substring(colon + 1));
            if (key.startsWith("!")) {
                throw new InvalidSearch("Error parsing search query: negated terms such as \"" + term
                        + "\" are not supported");
            }
            switch (key) {
                case "is" -> {
                    Optional<IssueStatus> status = IssueStatus.fromSearch(value);
                    if (status.isPresent()) {
                        statuses.add(status.get());
                        continue;
                    }
                    switch (value) {
                        case "assigned" -> assigned = Boolean.TRUE;
                        case "unassigned" -> assigned = Boolean.FALSE;
                        case "bookmarked" -> bookmarked = true;
                        default -> throw new InvalidSearch("Error parsing search query: invalid value \"" + value
                                + "\" for \"is\", valid values are " + IS_VALUES);
                    }
                }
                case "assigned", "assigned_to" -> {
                    if (value.isEmpty()) {
                        throw new InvalidSearch("Error parsing search query: \"assigned\" needs a value such as me");
                    }
                    assignee = value;
                }
                case "level" -> {
                    for (String level : value.split(",")) {
                        String l = level.trim().toLowerCase(Locale.ROOT);
                        if (!LEVELS.contains(l)) {
                            throw new InvalidSearch("Error parsing search query: invalid level \"" + level
                                    + "\", valid levels are " + LEVELS.stream().sorted().toList());
                        }
                        levels.add(l);
                    }
                }
                case "issue.priority" -> {
                    for (String priority : listValue(value)) {
                        if (!Issue.PRIORITIES.contains(priority)) {
                            throw new InvalidSearch("Error parsing search query: invalid priority \"" + priority
                                    + "\", valid priorities are " + Issue.PRIORITIES);
                        }
                        priorities.add(priority);
                    }
                }
                default -> throw new InvalidSearch("Error parsing search query: unsupported search term \"" + key
                        + ":\" (supported: is:, assigned:, level:, issue.priority: and free text)");
            }
        }
        return new IssueFilter(Set.copyOf(statuses), assigned, assignee, bookmarked, Set.copyOf(levels),
                Set.copyOf(priorities), List.copyOf(text));
    }

    /** {@code high} or Sentry's list syntax {@code [high,medium]}. */
    private static List<String> listValue(String value) {
        String list = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        return Stream.of(list.split(",")).map(String::trim).map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> tokens(String query) {
        List<String> tokens = new ArrayList<>();
        if (query == null) {
            return tokens;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : query.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new InvalidSearch("Error parsing search query: unbalanced quotes");
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
