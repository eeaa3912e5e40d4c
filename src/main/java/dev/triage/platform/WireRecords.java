package dev.triage.platform;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a large view record, for use as its {@code @JsonbTypeSerializer}, exactly as the API's
 * JSON-B configuration ({@link JsonbProvider}) would (keys in lexicographical order of their
 * names, {@code @JsonbProperty} names, nulls written unless {@code @JsonbNillable(false)},
 * instants in {@link Timestamps}' format), but with each component's plan worked out once per
 * record type: Yasson's generic chain per property was about 5 % of a PUT's CPU and 10 % of a
 * details GET's for the 45 keys of an issue. Strings, numbers, booleans, instants and JSON-P
 * values are written here; any other value (nested records, lists, maps) goes back to JSON-B.
 * {@code WireRecordsTest} checks that the output equals JSON-B's own.
 */
public class WireRecords implements JsonbSerializer<Record> {

    /** One key of a record type: its name, how to read it, whether a null is written. */
    private record Key(String name, MethodHandle accessor, boolean nillable) {}

    private static final Map<Class<?>, Key[]> PLANS = new ConcurrentHashMap<>();

    /** Every accessor as {@code (Object) -> Object}, so that reading a value needs no adaptation per call. */
    private static final MethodType READER = MethodType.methodType(Object.class, Object.class);

    @Override
    public void serialize(Record record, JsonGenerator generator, SerializationContext context) {
        generator.writeStartObject();
        for (Key key : PLANS.computeIfAbsent(record.getClass(), WireRecords::plan)) {
            Object value;
            try {
                value = key.accessor().invokeExact((Object) record);
            } catch (Throwable e) {
                throw new IllegalStateException("Cannot read " + key.name() + " of " + record.getClass(), e);
            }
            if (value == null) {
                if (key.nillable()) {
                    generator.writeNull(key.name());
                }
            } else if (value instanceof String text) {
                generator.write(key.name(), text);
            } else if (value instanceof Boolean flag) {
                generator.write(key.name(), flag);
            } else if (value instanceof Integer number) {
                generator.write(key.name(), number);
            } else if (value instanceof Long number) {
                generator.write(key.name(), number);
            } else if (value instanceof Instant instant) {
                generator.write(key.name(), Timestamps.format(instant));
            } else if (value instanceof JsonValue json) {
                generator.write(key.name(), json);
            } else {
                context.serialize(key.name(), value, generator);
            }
        }
        generator.writeEnd();
    }

    /** Whether records of this type were written here (a test's check that the annotation took effect). */
    static boolean planned(Class<?> type) {
        return PLANS.containsKey(type);
    }

    private static Key[] plan(Class<?> type) {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        return Arrays.stream(type.getRecordComponents()).map(component -> {
            JsonbProperty renamed = annotation(component, JsonbProperty.class);
            JsonbNillable nillable = annotation(component, JsonbNillable.class);
            try {
                var accessor = component.getAccessor();
                accessor.setAccessible(true); // JSON-B reads non-public records too
                return new Key(renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value(),
                        lookup.unreflect(accessor).asType(READER), nillable == null || nillable.value());
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalStateException("Cannot read the components of " + type, e);
            }
        }).sorted(Comparator.comparing(Key::name)).toArray(Key[]::new);
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(RecordComponent component, Class<A> type) {
        A found = component.getAccessor().getAnnotation(type);
        if (found == null) {
            try {
                found = component.getDeclaringRecord().getDeclaredField(component.getName()).getAnnotation(type);
            } catch (NoSuchFieldException impossible) {
                // every component has its field
            }
        }
        return found;
    }
}
