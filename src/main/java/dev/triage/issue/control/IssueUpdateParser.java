package dev.triage.issue.control;

import dev.triage.issue.control.IssueUpdate.ActorRef;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a PUT/PATCH body the way Sentry's validators do: the same field names, choices, boolean
 * spellings, limits and messages. Every problem is collected, so one answer names all of them.
 * Unknown keys are ignored.
 */
public final class IssueUpdateParser {

    public static final Set<String> STATUSES = Set.of("resolved", "unresolved", "ignored", "resolvedInNextRelease", "muted");
    public static final Set<String> SUBSTATUSES = Set.of("archived_until_escalating", "archived_until_condition_met",
            "archived_forever", "escalating", "ongoing", "regressed", "new");
    public static final Set<String> PRIORITIES = Set.of("low", "medium", "high");
    static final int MAX_WINDOW_MINUTES = 10080;

    private static final Set<String> TRUE = Set.of("t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
            "on", "On", "ON", "1");
    private static final Set<String> FALSE = Set.of("f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE",
            "off", "Off", "OFF", "0");
    private static final String ACTOR_FORMAT =
            "Could not parse actor. Format should be `type:id` where type is `team` or `user`.";
    private static final List<String> KNOWN = List.of("status", "substatus", "statusDetails", "assignedTo", "hasSeen",
            "isBookmarked", "isSubscribed", "isPublic", "priority", "merge", "inbox", "ignoreDuration", "ignoreCount",
            "ignoreWindow", "ignoreUserCount", "ignoreUserWindow", "snoozeDuration");

    private final Map<String, Object> errors = new LinkedHashMap<>();

    private IssueUpdateParser() {}

    /** @throws InvalidUpdate with Sentry's field dictionary when anything is wrong */
    public static IssueUpdate parse(JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidUpdate(Json.createObjectBuilder().add("non_field_errors", Json.createArrayBuilder()
                    .add("Invalid data. Expected a dictionary, but got " + typeName(body) + ".")).build());
        }
        return new IssueUpdateParser().read(body.asJsonObject());
    }

    private IssueUpdate read(JsonObject body) {
        String status = choice(body, "status", STATUSES, errors);
        if ("muted".equals(status)) {
            status = "ignored";
        }
        boolean substatusGiven = body.containsKey("substatus");
        String substatus = substatusGiven && !body.isNull("substatus") ? choice(body, "substatus", SUBSTATUSES, errors) : null;

        IssueUpdate.Resolution resolution = null;
        Integer[] ignore = {
            integer(body, "ignoreDuration", errors), integer(body, "ignoreCount", errors),
            integer(body, "ignoreWindow", errors), integer(body, "ignoreUserCount", errors),
            integer(body, "ignoreUserWindow", errors)};
        if (ignore[0] == null) {
            ignore[0] = integer(body, "snoozeDuration", errors);
        }
        boolean untilEscalating = false;
        boolean ignoreGiven = false;
        if (body.containsKey("statusDetails") && !body.isNull("statusDetails")) {
            JsonValue value = body.get("statusDetails");
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.put("statusDetails", Map.of("non_field_errors",
                        List.of("Invalid data. Expected a dictionary, but got " + typeName(value) + ".")));
            } else {
                Map<String, Object> nested = new LinkedHashMap<>();
                JsonObject details = value.asJsonObject();
                resolution = resolution(details, nested);
                String[] names = {"ignoreDuration", "ignoreCount", "ignoreWindow", "ignoreUserCount", "ignoreUserWindow"};
                for (int i = 0; i < names.length; i++) {
                    Integer nestedValue = integer(details, names[i], nested);
                    if (nestedValue != null) {
                        ignore[i] = nestedValue;
                    }
                    ignoreGiven |= details.containsKey(names[i]);
                }
                Boolean escalating = bool(details, "ignoreUntilEscalating", nested);
                untilEscalating = Boolean.TRUE.equals(escalating);
                if (!nested.isEmpty()) {
                    errors.put("statusDetails", nested);
                }
            }
        }
        for (String name : List.of("ignoreDuration", "ignoreCount", "ignoreWindow", "ignoreUserCount", "ignoreUserWindow")) {
            ignoreGiven |= body.containsKey(name);
        }
        ignoreGiven |= untilEscalating || body.containsKey("snoozeDuration") && !body.isNull("snoozeDuration");
        IssueUpdate.Ignore conditions = ignoreGiven
                ? new IssueUpdate.Ignore(positive(ignore[0]), positive(ignore[1]), positive(ignore[2]),
                        positive(ignore[3]), positive(ignore[4]), untilEscalating)
                : null;

        boolean assigneeGiven = body.containsKey("assignedTo");
        ActorRef assignee = assigneeGiven ? actor(body.get("assignedTo")) : null;
        Boolean hasSeen = bool(body, "hasSeen", errors);
        Boolean bookmarked = bool(body, "isBookmarked", errors);
        Boolean subscribed = bool(body, "isSubscribed", errors);
        Boolean shared = bool(body, "isPublic", errors);
        bool(body, "inbox", errors);
        String priority = choice(body, "priority", PRIORITIES, errors);
        Boolean discard = bool(body, "discard", errors);
        Boolean merge = bool(body, "merge", errors);

        if (body.containsKey("discard") && KNOWN.stream().anyMatch(k -> body.containsKey(k) && !isNullSnooze(body, k))) {
            errors.put("non_field_errors", List.of("Other attributes cannot be updated when discarding"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidUpdate(toJson(errors));
        }
        return new IssueUpdate(status, substatusGiven, substatus, resolution, conditions, assigneeGiven, assignee,
                hasSeen, bookmarked, subscribed, shared, priority, discard, merge);
    }

    private IssueUpdate.Resolution resolution(JsonObject details, Map<String, Object> nested) {
        String inRelease = null;
        if (details.containsKey("inRelease")) {
            inRelease = string(details, "inRelease", nested);
            if (inRelease != null && inRelease.isBlank()) {
                nested.put("inRelease", List.of("This field may not be blank."));
                inRelease = null;
            }
        }
        Boolean inNextRelease = bool(details, "inNextRelease", nested);
        IssueUpdate.CommitRef inCommit = null;
        if (details.containsKey("inCommit") && !details.isNull("inCommit")) {
            JsonValue commit = details.get("inCommit");
            if (commit.getValueType() != JsonValue.ValueType.OBJECT) {
                nested.put("inCommit", Map.of("non_field_errors",
                        List.of("Invalid data. Expected a dictionary, but got " + typeName(commit) + ".")));
            } else {
                Map<String, Object> commitErrors = new LinkedHashMap<>();
                String key = required(commit.asJsonObject(), "commit", commitErrors);
                String repository = required(commit.asJsonObject(), "repository", commitErrors);
                if (commitErrors.isEmpty()) {
                    inCommit = new IssueUpdate.CommitRef(key, repository);
                } else {
                    nested.put("inCommit", commitErrors);
                }
            }
        }
        if (inRelease == null && !Boolean.TRUE.equals(inNextRelease) && inCommit == null) {
            return null;
        }
        return new IssueUpdate.Resolution(inRelease, Boolean.TRUE.equals(inNextRelease) && inRelease == null,
                inRelease == null && !Boolean.TRUE.equals(inNextRelease) ? inCommit : null);
    }

    private ActorRef actor(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            if (number.isIntegral() && number.longValue() > 0) {
                return new ActorRef(ActorRef.Kind.USER_ID, Long.toString(number.longValue()));
            }
            errors.put("assignedTo", List.of(ACTOR_FORMAT));
            return null;
        }
        if (!(value instanceof JsonString string)) {
            errors.put("assignedTo", List.of(ACTOR_FORMAT));
            return null;
        }
        String text = string.getString().trim();
        if (text.isEmpty()) {
            return null;
        }
        if (isId(text)) {
            return new ActorRef(ActorRef.Kind.USER_ID, text);
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new ActorRef(ActorRef.Kind.USER_NAME, text);
        }
        String type = text.substring(0, colon);
        String id = text.substring(colon + 1);
        if (isId(id) && type.equals("user")) {
            return new ActorRef(ActorRef.Kind.USER_ID, id);
        }
        if (isId(id) && type.equals("team")) {
            return new ActorRef(ActorRef.Kind.TEAM_ID, id);
        }
        errors.put("assignedTo", List.of(ACTOR_FORMAT));
        return null;
    }

    private static boolean isId(String text) {
        return !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isNullSnooze(JsonObject body, String key) {
        return key.equals("snoozeDuration") && body.isNull(key);
    }

    /** Zero means "not set" (Sentry reads these values with {@code or None}). */
    private static Integer positive(Integer value) {
        return value == null || value == 0 ? null : value;
    }

    static String choice(JsonObject body, String name, Set<String> choices, Map<String, Object> errors) {
        if (!body.containsKey(name)) {
            return null;
        }
        JsonValue value = body.get(name);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            errors.put(name, List.of("This field may not be null."));
            return null;
        }
        String text = value instanceof JsonString s ? s.getString() : value.toString();
        if (!(value instanceof JsonString) || !choices.contains(text)) {
            errors.put(name, List.of("\"" + text + "\" is not a valid choice."));
            return null;
        }
        return text;
    }

    static Boolean bool(JsonObject body, String name, Map<String, Object> errors) {
        if (!body.containsKey(name)) {
            return null;
        }
        JsonValue value = body.get(name);
        if (value == JsonValue.TRUE) {
            return true;
        }
        if (value == JsonValue.FALSE) {
            return false;
        }
        if (value instanceof JsonString s && TRUE.contains(s.getString())) {
            return true;
        }
        if (value instanceof JsonString s && FALSE.contains(s.getString())) {
            return false;
        }
        if (value instanceof JsonNumber n && n.isIntegral() && (n.intValue() == 0 || n.intValue() == 1)) {
            return n.intValue() == 1;
        }
        errors.put(name, List.of(value.getValueType() == JsonValue.ValueType.NULL
                ? "This field may not be null." : "Must be a valid boolean."));
        return null;
    }

    static Integer integer(JsonObject body, String name, Map<String, Object> errors) {
        if (!body.containsKey(name) || body.isNull(name)) {
            return null;
        }
        JsonValue value = body.get(name);
        if (!(value instanceof JsonNumber number) || !number.isIntegral()
                || number.bigIntegerValue().bitLength() > 31) {
            errors.put(name, List.of("A valid integer is required."));
            return null;
        }
        int n = number.intValue();
        if (n < 0) {
            errors.put(name, List.of("Ensure this value is greater than or equal to 0."));
            return null;
        }
        if ((name.equals("ignoreWindow") || name.equals("ignoreUserWindow")) && n > MAX_WINDOW_MINUTES) {
            errors.put(name, List.of("Ensure this value is less than or equal to " + MAX_WINDOW_MINUTES + "."));
            return null;
        }
        return n;
    }

    static String string(JsonObject body, String name, Map<String, Object> errors) {
        JsonValue value = body.get(name);
        if (value instanceof JsonString s) {
            return s.getString();
        }
        errors.put(name, List.of(value == null || value.getValueType() == JsonValue.ValueType.NULL
                ? "This field may not be null." : "Not a valid string."));
        return null;
    }

    private static String required(JsonObject body, String name, Map<String, Object> errors) {
        if (!body.containsKey(name)) {
            errors.put(name, List.of("This field is required."));
            return null;
        }
        String value = string(body, name, errors);
        if (value != null && value.isBlank()) {
            errors.put(name, List.of("This field may not be blank."));
            return null;
        }
        return value;
    }

    static String typeName(JsonValue value) {
        if (value == null) {
            return "NoneType";
        }
        return switch (value.getValueType()) {
            case ARRAY -> "list";
            case STRING -> "str";
            case NUMBER -> ((JsonNumber) value).isIntegral() ? "int" : "float";
            case TRUE, FALSE -> "bool";
            case NULL -> "NoneType";
            case OBJECT -> "dict";
        };
    }

    @SuppressWarnings("unchecked")
    static JsonObject toJson(Map<String, Object> errors) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        errors.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                builder.add(key, toJson((Map<String, Object>) nested));
            } else {
                var array = Json.createArrayBuilder();
                ((List<String>) value).forEach(array::add);
                builder.add(key, array);
            }
        });
        return builder.build();
    }

    /** One error for one field, as the service reports the reference checks it makes. */
    public static InvalidUpdate error(String field, String message) {
        return new InvalidUpdate(toJson(Map.of(field, List.of(message))));
    }

    /** One error for one field of {@code statusDetails}. */
    public static InvalidUpdate detailsError(String field, String message) {
        return new InvalidUpdate(toJson(Map.of("statusDetails", Map.of(field, List.of(message)))));
    }
}
