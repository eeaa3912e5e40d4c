package dev.triage.ingest.control;

import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonParser;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns an event payload from an SDK into an {@link IncomingEvent}: validates what Sentry refuses
 * (not a JSON object, an event ID that is not 32 hex digits, a fingerprint past the limit),
 * normalises what Sentry normalises (timestamps too far in the future or past are replaced by the
 * time received, levels, the user's "{{auto}}" address), and computes the grouping hash, the
 * issue's fields and the tags.
 */
public final class EventReader {

    /** Looked up once: {@code Json.create*} would look the provider up on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** Sentry accepts events up to 60 s ahead of its clock and up to 30 days old. */
    static final Duration MAX_FUTURE = Duration.ofSeconds(60);
    static final Duration MAX_PAST = Duration.ofDays(30);
    static final int MAX_FINGERPRINT_PARTS = 256;
    static final int MAX_FINGERPRINT_PART = 1024;
    /** Sentry's limits on tag keys and values; longer ones are dropped, as Relay does. */
    static final int MAX_TAG_KEY = 32;
    static final int MAX_TAG_VALUE = 200;
    static final int MAX_TAGS = 100;

    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern UUID_DASHED = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Set<String> LEVELS = Set.of("fatal", "error", "warning", "info", "debug");
    private static final Map<String, String> LEVEL_ALIASES = Map.of(
            "warn", "warning", "critical", "fatal", "log", "info", "trace", "debug", "err", "error");

    private EventReader() {}

    /**
     * @param payload     the event JSON
     * @param headerId    the envelope header's {@code event_id} (it wins), or null
     * @param clientIp    the sender's address, for {@code "{{auto}}"}
     */
    public static IncomingEvent read(byte[] payload, String headerId, String clientIp, Instant received) {
        int size = payload.length;
        JsonObject event = parseObject(new java.io.ByteArrayInputStream(payload));
        String eventId = headerId != null ? eventId(headerId) : null;
        if (eventId == null) {
            JsonValue own = event.get("event_id");
            eventId = own instanceof JsonString s ? eventId(s.getString())
                    : own == null || own == JsonValue.NULL ? newEventId()
                    : refuse("invalid event_id: not a string of 32 hex digits");
        } else if (event.get("event_id") instanceof JsonString own) {
            eventId(own.getString());
        }

        JsonArrayBuilder errors = JSON.createArrayBuilder();
        Instant occurred = timestamp(event.get("timestamp"), received, errors);
        String level = level(event.get("level"));
        String platform = token(EventFields.string(event, "platform"), "other");
        List<String> fingerprint = fingerprint(event.get("fingerprint"));
        JsonObject user = user(EventFields.object(event, "user"), clientIp);
        String userKey = userKey(user);
        String release = limited(scalar(event.get("release")), MAX_TAG_VALUE);
        String environment = limited(scalar(event.get("environment")), MAX_TAG_VALUE);

        JsonObject mainException = EventFields.mainException(event);
        String message = EventFields.message(event);
        String hash = Grouping.hash(event, mainException, message, fingerprint);
        EventSummary summary = EventSummary.of(event, mainException, message, platform);
        boolean unhandled = EventFields.exceptions(event).stream()
                .map(e -> EventFields.object(e, "mechanism"))
                .anyMatch(m -> m != null && m.get("handled") == JsonValue.FALSE);

        List<IncomingEvent.Tag> tags = tags(event, level, release, environment, userKey, summary);

        JsonArray errorList = errors.build();
        String json = sanitize(normalized(payload, event, eventId, level, platform, occurred, received, user, errorList));
        return new IncomingEvent(eventId, occurred, received, level, platform,
                limited(scalar(event.get("logger")), 64), release, environment, userKey, summary,
                clean(message), hash, unhandled, tags, json, size);
    }

    /**
     * The payload as stored: the event as sent with the normalised members in place of the sent
     * ones. Written as the sent text with those members appended (a {@code jsonb} keeps the last
     * of duplicate keys), which saves serialising the whole parsed event again; an event whose
     * text could not go into {@code jsonb} as it is (an encoding other than UTF-8, an unpaired
     * surrogate escape, which {@code jsonb} refuses) is rebuilt from its parsed form instead.
     */
    static String normalized(byte[] payload, JsonObject event, String eventId, String level, String platform,
                             Instant occurred, Instant received, JsonObject user, JsonArray errors) {
        StringBuilder members = new StringBuilder(256)
                .append("\"event_id\":\"").append(eventId)
                .append("\",\"level\":\"").append(level)
                .append("\",\"platform\":").append(JSON.createValue(platform))
                .append(",\"timestamp\":").append(seconds(occurred).toPlainString())
                .append(",\"received\":").append(seconds(received).toPlainString());
        if (user != null) {
            members.append(",\"user\":").append(user);
        }
        if (!errors.isEmpty()) {
            members.append(",\"errors\":").append(errors);
        }
        int end = payload.length;
        while (end > 0 && isJsonSpace(payload[end - 1])) {
            end--;
        }
        int start = 0;
        while (start < end && isJsonSpace(payload[start])) {
            start++;
        }
        String text = end > start && payload[start] == '{' && payload[end - 1] == '}'
                ? new String(payload, start, end - start - 1, java.nio.charset.StandardCharsets.UTF_8) : null;
        if (text == null || hasSurrogateEscape(text)) {
            JsonObjectBuilder rebuilt = JSON.createObjectBuilder(event)
                    .add("event_id", eventId)
                    .add("level", level)
                    .add("platform", platform)
                    .add("timestamp", seconds(occurred))
                    .add("received", seconds(received));
            if (user != null) {
                rebuilt.add("user", user);
            }
            if (!errors.isEmpty()) {
                rebuilt.add("errors", errors);
            }
            return rebuilt.build().toString();
        }
        return text + (event.isEmpty() ? "" : ",") + members + "}";
    }

    /** A surrogate (D800 to DFFF) written as a backslash-u escape: jsonb refuses an unpaired one. */
    private static boolean hasSurrogateEscape(String text) {
        for (int i = text.indexOf("\\u"); i >= 0 && i + 3 < text.length(); i = text.indexOf("\\u", i + 2)) {
            char d = text.charAt(i + 2);
            char next = text.charAt(i + 3);
            if ((d == 'd' || d == 'D') && (next >= '8' && next <= '9' || next >= 'a' && next <= 'f' || next >= 'A' && next <= 'F')) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJsonSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** One JSON object and nothing after it (the stored text is built from it, see {@link #normalized}). */
    private static JsonObject parseObject(InputStream payload) {
        try (JsonParser parser = JSON.createParser(payload)) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw Refused.badRequest("invalid event payload: not a JSON object");
            }
            JsonObject event = parser.getObject();
            if (parser.hasNext()) {
                throw Refused.badRequest("invalid event payload: more after the JSON object");
            }
            return event;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw Refused.badRequest("invalid event payload: not JSON");
        }
    }

    /** 32 lower-case hex digits; a UUID with dashes is accepted and written without them. */
    static String eventId(String text) {
        String id = text.toLowerCase(Locale.ROOT);
        if (UUID_DASHED.matcher(id).matches()) {
            id = id.replace("-", "");
        }
        if (!HEX32.matcher(id).matches()) {
            throw Refused.badRequest("invalid event_id: not a string of 32 hex digits");
        }
        return id;
    }

    private static String newEventId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static <T> T refuse(String reason) {
        throw Refused.badRequest(reason);
    }

    /** RFC 3339 text (Java SDK) or epoch seconds (Node SDK, sentry-cli); clamped as Sentry does. */
    static Instant timestamp(JsonValue value, Instant received, JsonArrayBuilder errors) {
        Instant parsed = null;
        if (value instanceof JsonNumber n) {
            parsed = fromSeconds(n.bigDecimalValue());
        } else if (value instanceof JsonString s) {
            parsed = parseText(s.getString());
        }
        if (parsed == null) {
            return received;
        }
        if (parsed.isAfter(received.plus(MAX_FUTURE))) {
            errors.add(JSON.createObjectBuilder().add("type", "future_timestamp").add("name", "timestamp")
                    .add("value", parsed.toString()));
            return received;
        }
        if (parsed.isBefore(received.minus(MAX_PAST))) {
            errors.add(JSON.createObjectBuilder().add("type", "past_timestamp").add("name", "timestamp")
                    .add("value", parsed.toString()));
            return received;
        }
        return parsed.truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant fromSeconds(BigDecimal seconds) {
        try {
            if (seconds.abs().compareTo(BigDecimal.valueOf(253402300799L)) > 0) {
                return Instant.MAX;
            }
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
    }

    private static Instant parseText(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return fromSeconds(new BigDecimal(text));
                } catch (NumberFormatException notNumber) {
                    return null;
                }
            }
        }
    }

    private static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9))
                .stripTrailingZeros();
    }

    static String level(JsonValue value) {
        String text = value instanceof JsonString s ? s.getString().toLowerCase(Locale.ROOT) : null;
        if (text == null) {
            return "error";
        }
        text = LEVEL_ALIASES.getOrDefault(text, text);
        return LEVELS.contains(text) ? text : "error";
    }

    /** An explicit fingerprint, or empty for none (the Java SDK sends [] on every event). */
    static List<String> fingerprint(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        if (array.size() > MAX_FINGERPRINT_PARTS) {
            throw Refused.badRequest("invalid fingerprint: more than " + MAX_FINGERPRINT_PARTS + " parts");
        }
        List<String> parts = new ArrayList<>(array.size());
        for (JsonValue part : array) {
            String text = scalar(part);
            if (text == null) {
                continue;
            }
            if (text.length() > MAX_FINGERPRINT_PART) {
                throw Refused.badRequest("invalid fingerprint: a part is longer than " + MAX_FINGERPRINT_PART + " characters");
            }
            parts.add(text);
        }
        return parts;
    }

    /** The user with {@code "{{auto}}"} replaced by the sender's address. */
    static JsonObject user(JsonObject user, String clientIp) {
        if (user == null) {
            return null;
        }
        if ("{{auto}}".equals(EventFields.string(user, "ip_address"))) {
            JsonObjectBuilder b = JSON.createObjectBuilder(user);
            if (clientIp == null) {
                b.remove("ip_address");
            } else {
                b.add("ip_address", clientIp);
            }
            return b.build();
        }
        return user;
    }

    /** Sentry's {@code user} tag: {@code id:…}, else {@code username:…}, {@code email:…}, {@code ip:…}. */
    static String userKey(JsonObject user) {
        if (user == null) {
            return null;
        }
        String[][] fields = {{"id", "id"}, {"username", "username"}, {"email", "email"}, {"ip_address", "ip"}};
        for (String[] field : fields) {
            String value = scalar(user.get(field[0]));
            if (value != null && !value.isEmpty()) {
                return limited(field[1] + ":" + value, MAX_TAG_VALUE);
            }
        }
        return null;
    }

    static List<IncomingEvent.Tag> tags(JsonObject event, String level, String release, String environment,
                                        String userKey, EventSummary summary) {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonValue own = event.get("tags");
        if (own instanceof JsonObject object) {
            object.forEach((k, v) -> putTag(tags, k, scalar(v)));
        } else if (own instanceof JsonArray pairs) {
            for (JsonValue pair : pairs) {
                if (pair instanceof JsonArray kv && kv.size() == 2) {
                    putTag(tags, scalar(kv.get(0)), scalar(kv.get(1)));
                }
            }
        }
        putTag(tags, "level", level);
        putTag(tags, "environment", environment);
        putTag(tags, "release", release);
        putTag(tags, "dist", scalar(event.get("dist")));
        putTag(tags, "server_name", scalar(event.get("server_name")));
        putTag(tags, "logger", scalar(event.get("logger")));
        putTag(tags, "transaction", scalar(event.get("transaction")));
        putTag(tags, "user", userKey);
        JsonObject contexts = EventFields.object(event, "contexts");
        for (String context : new String[] {"browser", "os", "runtime"}) {
            JsonObject c = EventFields.object(contexts, context);
            String name = c == null ? null : scalar(c.get("name"));
            if (name != null) {
                String version = scalar(c.get("version"));
                putTag(tags, context + ".name", name);
                putTag(tags, context, version == null ? name : name + " " + version.strip());
            }
        }
        List<IncomingEvent.Tag> list = new ArrayList<>(tags.size());
        tags.forEach((k, v) -> list.add(new IncomingEvent.Tag(k, v)));
        return list.size() > MAX_TAGS ? list.subList(list.size() - MAX_TAGS, list.size()) : list;
    }

    private static void putTag(Map<String, String> tags, String key, String value) {
        if (key == null || value == null || key.isEmpty() || value.isEmpty() || key.length() > MAX_TAG_KEY
                || value.length() > MAX_TAG_VALUE || value.indexOf('\n') >= 0 || key.indexOf('\0') >= 0
                || value.indexOf('\0') >= 0) {
            return;
        }
        tags.remove(key);
        tags.put(key, value);
    }

    /** A string, or a number/boolean as text; null for anything else. */
    static String scalar(JsonValue value) {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonNumber || value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value.toString();
        }
        return null;
    }

    private static String token(String value, String fallback) {
        return value == null || value.isBlank() || value.length() > 64 ? fallback : clean(value);
    }

    private static String limited(String value, int max) {
        return value == null || value.isEmpty() ? null : clean(value.length() > max ? value.substring(0, max) : value);
    }

    /** PostgreSQL text cannot hold NUL characters. */
    static String clean(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    /** PostgreSQL jsonb cannot hold the escaped NUL character either. */
    static String sanitize(String json) {
        return json.contains("\\u0000") ? json.replace("\\u0000", "\\ufffd") : json;
    }
}
