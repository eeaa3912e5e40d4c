package dev.triage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link WireRecords} writes a record exactly as the API's JSON-B configuration does by itself. */
class WireRecordsTest {

    public record Nested(String type, @JsonbNillable(false) String email, Instant at) {}

    /** Every kind of component a view has, in no particular order, written by JSON-B itself. */
    public record Plain(String title, boolean hasSeen, @JsonbProperty("isPublic") boolean isPublic, int count,
                        long big, Instant firstSeen, Instant never, JsonObject metadata, Nested assignedTo,
                        Nested nobody, List<Nested> seenBy, Map<String, Object> statusDetails, Double score,
                        String absent, @JsonbNillable(false) List<String> getOnly,
                        @JsonbNillable(false) Integer userReportCount, String zeta, String alpha) {}

    /** The same components, written by {@link WireRecords}. */
    @JsonbTypeSerializer(WireRecords.class)
    public record Fast(String title, boolean hasSeen, @JsonbProperty("isPublic") boolean isPublic, int count,
                       long big, Instant firstSeen, Instant never, JsonObject metadata, Nested assignedTo,
                       Nested nobody, List<Nested> seenBy, Map<String, Object> statusDetails, Double score,
                       String absent, @JsonbNillable(false) List<String> getOnly,
                       @JsonbNillable(false) Integer userReportCount, String zeta, String alpha) {}

    @Test
    void writesWhatJsonBWritesWithNullsOmittedAndPresent() {
        Instant at = Instant.parse("2026-11-28T13:45:01.123456Z");
        JsonObject metadata = Json.createObjectBuilder().add("title", "Boom \"quoted\" \u00e9").add("n", 1).build();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("inNextRelease", true);
        details.put("actor", new Nested("user", null, at));
        details.put("ignoreCount", 5);
        Nested nested = new Nested("user", "jane@example.com", at);
        String plain = JsonbProvider.JSONB.toJson(new Plain("A title", true, false, 7, 12345678901L, at, null,
                metadata, nested, null, List.of(nested), details, null, null, null, null, "z", "a"));
        String fast = JsonbProvider.JSONB.toJson(new Fast("A title", true, false, 7, 12345678901L, at, null,
                metadata, nested, null, List.of(nested), details, null, null, null, null, "z", "a"));
        assertEquals(plain, fast);
        assertTrue(WireRecords.planned(Fast.class), "Fast was written by WireRecords");
        assertFalse(WireRecords.planned(Plain.class));
    }

    @Test
    void writesTheFieldsOnlySomeAnswersCarryWhenSet() {
        Map<String, Object> none = Map.of();
        String plain = JsonbProvider.JSONB.toJson(new Plain(null, false, true, 0, 0, null, null,
                JsonObject.EMPTY_JSON_OBJECT, null, null, List.of(), none, 0.5, null, List.of("x"), 0, null, null));
        String fast = JsonbProvider.JSONB.toJson(new Fast(null, false, true, 0, 0, null, null,
                JsonObject.EMPTY_JSON_OBJECT, null, null, List.of(), none, 0.5, null, List.of("x"), 0, null, null));
        assertEquals(plain, fast);
    }

    @Test
    void listsOfSuchRecordsToo() {
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        var fast = new Fast("t", false, false, 1, 2, at, at, JsonObject.EMPTY_JSON_OBJECT, null, null, List.of(),
                Map.of(), null, null, null, null, null, null);
        var plain = new Plain("t", false, false, 1, 2, at, at, JsonObject.EMPTY_JSON_OBJECT, null, null, List.of(),
                Map.of(), null, null, null, null, null, null);
        assertEquals(JsonbProvider.JSONB.toJson(List.of(plain, plain)), JsonbProvider.JSONB.toJson(List.of(fast, fast)));
    }

    /** A view class as the user views are: public fields, inherited ones, a map, a list of records. */
    public static class Person {
        public record Address(String id, String email, boolean is_verified) {}

        public final String id;
        public final String name;
        public final String avatarUrl = null;
        public final boolean isActive = true;
        public final Instant dateJoined;
        public final Map<String, Object> experiments = Map.of();
        public final List<Address> emails;
        @JsonbNillable(false) public final String nickname = null;
        @JsonbProperty("has2fa") public final boolean twoFactor = false;
        final String notAProperty = "hidden";

        Person(String id, Instant dateJoined) {
            this.id = id;
            this.name = "Jane \u00e9";
            this.dateJoined = dateJoined;
            this.emails = List.of(new Address(id, "jane@example.com", false));
        }

        static Person of(String id) {
            return new Person(id, Instant.parse("2026-01-02T03:04:05Z"));
        }
    }

    /** A subclass adding a key, as the seen-by and participant views do. */
    public static class Seen extends Person {
        public final Instant lastSeen;
        public final String type = "user";

        Seen(String id, Instant lastSeen) {
            super(id, lastSeen);
            this.lastSeen = lastSeen;
        }
    }

    /** A class with a getter: JSON-B reads it as a key, so it stays JSON-B's to write. */
    public static class WithGetter {
        public final String a = "a";

        public String getB() {
            return "b";
        }
    }

    public record Entry(String id, Person user, Object sentry_app, JsonObject data, Instant dateCreated) {}

    public record PlainHolder(List<Entry> activity, List<Seen> seenBy, List<Object> mixed, Person actor,
                              WithGetter other, List<List<String>> nested) {}

    @JsonbTypeSerializer(WireRecords.class)
    public record FastHolder(List<Entry> activity, List<Seen> seenBy, List<Object> mixed, Person actor,
                             WithGetter other, List<List<String>> nested) {}

    @Test
    void nestedViewsListsAndClassesWithPublicFieldsToo() {
        Instant at = Instant.parse("2026-11-28T13:45:01.5Z");
        JsonObject data = Json.createObjectBuilder().add("priority", "high").addNull("x").build();
        List<Entry> activity = List.of(new Entry("1", Person.of("7"), null, data, at),
                new Entry("0", null, null, JsonObject.EMPTY_JSON_OBJECT, at));
        List<Seen> seen = List.of(new Seen("7", at), new Seen("8", at));
        List<Object> mixed = java.util.Arrays.asList("s", 1, 2L, true, null, at, data, Person.of("9"));
        List<List<String>> nested = List.of(List.of("a", "b"), List.of());
        String plain = JsonbProvider.JSONB.toJson(new PlainHolder(activity, seen, mixed, Person.of("3"),
                new WithGetter(), nested));
        String fast = JsonbProvider.JSONB.toJson(new FastHolder(activity, seen, mixed, Person.of("3"),
                new WithGetter(), nested));
        assertEquals(plain, fast);
        assertTrue(WireRecords.planned(Entry.class), "nested records are written by WireRecords");
        assertTrue(WireRecords.planned(Seen.class), "classes of public fields are written by WireRecords");
        assertTrue(WireRecords.planned(Person.Address.class));
        assertFalse(WireRecords.planned(WithGetter.class), "a class with a getter is left to JSON-B");
    }
}
