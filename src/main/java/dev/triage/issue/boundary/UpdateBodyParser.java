package dev.triage.issue.boundary;

import dev.triage.issue.control.IgnoreConditions;
import dev.triage.issue.control.InvalidUpdate;
import dev.triage.issue.control.IssueUpdate;
import dev.triage.issue.control.IssueUpdate.ActorRef;
import dev.triage.issue.control.UpdateStatus;
import dev.triage.issue.entity.Issue;
import dev.triage.issue.entity.Substatus;
import dev.triage.issue.entity.WireName;
import dev.triage.platform.JsonBodies;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a PUT/PATCH body (details or bulk) the way Sentry's validators do: the same field names,
 * choices, boolean spellings, limits and messages. Every problem is collected, so one answer
 * names all of them. Unknown keys are ignored.
 */
final class UpdateBodyParser {

    /** An older name of {@code ignoreDuration} (sentry-cli still sends it, as null). */
    static final String SNOOZE_DURATION = "snoozeDuration";
    static final String UNTIL_ESCALATING = "ignoreUntilEscalating";

    private static final Set<String> TRUE = Set.of("t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
            "on", "On", "ON", "1");
    private static final Set<String> FALSE = Set.of("f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE",
            "off", "Off", "OFF", "0");
    private static final String ACTOR_FORMAT =
            "Could not parse actor. Format should be `type:id` where type is `team` or `user`.";
    /** Keys that may not come with {@code discard}. */
    private static final List<String> NOT_WITH_DISCARD = List.of("status", "substatus", "statusDetails", "assignedTo",
            "hasSeen", "isBookmarked", "isSubscribed", "isPublic", "priority", "merge", "inbox",
            IgnoreConditions.Key.DURATION.wireName(), IgnoreConditions.Key.COUNT.wireName(),
            IgnoreConditions.Key.WINDOW.wireName(), IgnoreConditions.Key.USER_COUNT.wireName(),
            IgnoreConditions.Key.USER_WINDOW.wireName(), SNOOZE_DURATION);

    private final Map<String, Object> errors = new LinkedHashMap<>();

    private UpdateBodyParser() {}

    /**
     * Reads and parses a request body. An empty body is {@code {}}, as Django REST framework's
     * {@code empty_data} makes it: a PUT without a body changes nothing and answers 200.
     *
     * @throws InvalidUpdate with Sentry's field dictionary when anything is wrong
     */
    static IssueUpdate read(InputStream body, int maxBytes) {
        if (body == null) {
            return parse(JsonValue.EMPTY_JSON_OBJECT);
        }
        PushbackInputStream stream = new PushbackInputStream(body, 1);
        try {
            int first = stream.read();
            if (first < 0) {
                return parse(JsonValue.EMPTY_JSON_OBJECT);
            }
            stream.unread(first);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(JsonBodies.read(stream, maxBytes));
    }

    /** @throws InvalidUpdate with Sentry's field dictionary when anything is wrong */
    static IssueUpdate parse(JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw InvalidUpdate.ofBody(notADictionary(body));
        }
        return new UpdateBodyParser().read(body.asJsonObject());
    }

    private IssueUpdate read(JsonObject body) {
        UpdateStatus status = choice(body, "status", UpdateStatus.class, errors);
        boolean substatusGiven = body.containsKey("substatus");
        Substatus substatus = substatusGiven && !body.isNull("substatus")
                ? choice(body, "substatus", Substatus.class, errors) : null;

        IssueUpdate.ResolveIn resolveIn = null;
        IgnoreConditions ignore = null;
        Map<IgnoreConditions.Key, Integer> conditions = new EnumMap<>(IgnoreConditions.Key.class);
        boolean ignoreGiven = false;
        for (IgnoreConditions.Key key : IgnoreConditions.Key.values()) {
            ignoreGiven |= body.containsKey(key.wireName());
            conditions.put(key, integer(body, key, errors));
        }
        if (conditions.get(IgnoreConditions.Key.DURATION) == null && body.containsKey(SNOOZE_DURATION)
                && !body.isNull(SNOOZE_DURATION)) {
            ignoreGiven = true;
            conditions.put(IgnoreConditions.Key.DURATION,
                    integer(body, SNOOZE_DURATION, IgnoreConditions.Key.DURATION.max(), errors));
        }
        boolean untilEscalating = false;
        if (body.containsKey("statusDetails") && !body.isNull("statusDetails")) {
            JsonValue value = body.get("statusDetails");
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.put("statusDetails", Map.of("non_field_errors", List.of(notADictionary(value))));
            } else {
                Map<String, Object> nested = new LinkedHashMap<>();
                JsonObject details = value.asJsonObject();
                resolveIn = resolveIn(details, nested);
                for (IgnoreConditions.Key key : IgnoreConditions.Key.values()) {
                    ignoreGiven |= details.containsKey(key.wireName());
                    Integer nestedValue = integer(details, key, nested);
                    if (nestedValue != null) {
                        conditions.put(key, nestedValue);
                    }
                }
                untilEscalating = Boolean.TRUE.equals(bool(details, UNTIL_ESCALATING, nested));
                if (!nested.isEmpty()) {
                    errors.put("statusDetails", Collections.unmodifiableMap(nested));
                }
            }
        }
        if (ignoreGiven || untilEscalating) {
            ignore = new IgnoreConditions(conditions, untilEscalating);
        }

        boolean assigneeGiven = body.containsKey("assignedTo");
        ActorRef assignee = assigneeGiven ? actor(body.get("assignedTo"), "assignedTo", errors) : null;
        Boolean hasSeen = bool(body, "hasSeen", errors);
        Boolean bookmarked = bool(body, "isBookmarked", errors);
        Boolean subscribed = bool(body, "isSubscribed", errors);
        Boolean shared = bool(body, "isPublic", errors);
        bool(body, "inbox", errors);
        String priority = choice(body, "priority", Issue.PRIORITIES::contains, errors);
        Boolean discard = bool(body, "discard", errors);
        Boolean merge = bool(body, "merge", errors);

        if (body.containsKey("discard")
                && NOT_WITH_DISCARD.stream().anyMatch(k -> body.containsKey(k) && !isNullSnooze(body, k))) {
            errors.put("non_field_errors", List.of("Other attributes cannot be updated when discarding"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidUpdate(Collections.unmodifiableMap(errors));
        }
        return new IssueUpdate(status, substatusGiven, substatus, resolveIn, ignore, assigneeGiven, assignee,
                hasSeen, bookmarked, subscribed, shared, priority, discard, merge);
    }

    private IssueUpdate.ResolveIn resolveIn(JsonObject details, Map<String, Object> nested) {
        String inRelease = null;
        if (details.containsKey("inRelease")) {
            inRelease = string(details, "inRelease", nested);
            if (inRelease != null && inRelease.isBlank()) {
                nested.put("inRelease", List.of("This field may not be blank."));
                inRelease = null;
            }
        }
        boolean inNextRelease = Boolean.TRUE.equals(bool(details, "inNextRelease", nested));
        IssueUpdate.CommitRef inCommit = null;
        if (details.containsKey("inCommit") && !details.isNull("inCommit")) {
            JsonValue commit = details.get("inCommit");
            if (commit.getValueType() != JsonValue.ValueType.OBJECT) {
                nested.put("inCommit", Map.of("non_field_errors", List.of(notADictionary(commit))));
            } else {
                Map<String, Object> commitErrors = new LinkedHashMap<>();
                String key = required(commit.asJsonObject(), "commit", commitErrors);
                String repository = required(commit.asJsonObject(), "repository", commitErrors);
                if (commitErrors.isEmpty()) {
                    inCommit = new IssueUpdate.CommitRef(key, repository);
                } else {
                    nested.put("inCommit", Collections.unmodifiableMap(commitErrors));
                }
            }
        }
        if (inRelease != null) {
            return new IssueUpdate.ResolveIn(inRelease, false, null);
        }
        if (inNextRelease) {
            return new IssueUpdate.ResolveIn(null, true, null);
        }
        return inCommit == null ? null : new IssueUpdate.ResolveIn(null, false, inCommit);
    }

    /** An actor identifier as Sentry's {@code ActorField} takes it; null for none (unassign). */
    static ActorRef actor(JsonValue value, String field, Map<String, Object> errors) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            if (number.isIntegral() && number.longValue() > 0) {
                return new ActorRef(ActorRef.Kind.USER_ID, Long.toString(number.longValue()));
            }
            errors.put(field, List.of(ACTOR_FORMAT));
            return null;
        }
        if (!(value instanceof JsonString string)) {
            errors.put(field, List.of(ACTOR_FORMAT));
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
        errors.put(field, List.of(ACTOR_FORMAT));
        return null;
    }

    private static boolean isId(String text) {
        return !text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isNullSnooze(JsonObject body, String key) {
        return key.equals(SNOOZE_DURATION) && body.isNull(key);
    }

    /** One of an enum's wire names. */
    static <E extends Enum<E> & WireName> E choice(JsonObject body, String name, Class<E> type,
                                                   Map<String, Object> errors) {
        String text = choice(body, name, word -> WireName.find(type, word).isPresent(), errors);
        return text == null ? null : WireName.find(type, text).orElseThrow();
    }

    static String choice(JsonObject body, String name, Function<String, Boolean> valid, Map<String, Object> errors) {
        if (!body.containsKey(name)) {
            return null;
        }
        JsonValue value = body.get(name);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            errors.put(name, List.of("This field may not be null."));
            return null;
        }
        String text = value instanceof JsonString s ? s.getString() : value.toString();
        if (!(value instanceof JsonString) || !valid.apply(text)) {
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

    private static Integer integer(JsonObject body, IgnoreConditions.Key key, Map<String, Object> errors) {
        return integer(body, key.wireName(), key.max(), errors);
    }

    /** A whole number from 0 to {@code max}; null when absent or null. */
    static Integer integer(JsonObject body, String name, int max, Map<String, Object> errors) {
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
        if (n > max) {
            errors.put(name, List.of("Ensure this value is less than or equal to " + max + "."));
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

    /** DRF's message for a body or nested object that is no dictionary, with Python's type names. */
    static String notADictionary(JsonValue value) {
        return "Invalid data. Expected a dictionary, but got " + pythonType(value) + ".";
    }

    /** The name Python gives the type of a JSON value, as DRF's messages show it. */
    static String pythonType(JsonValue value) {
        return value == null ? "NoneType" : switch (value.getValueType()) {
            case ARRAY -> "list";
            case STRING -> "str";
            case NUMBER -> ((JsonNumber) value).isIntegral() ? "int" : "float";
            case TRUE, FALSE -> "bool";
            case NULL -> "NoneType";
            case OBJECT -> "dict";
        };
    }
}
