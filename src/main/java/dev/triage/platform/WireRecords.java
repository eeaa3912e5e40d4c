package dev.triage.platform;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a large view record, for use as its {@code @JsonbTypeSerializer}, exactly as the API's
 * JSON-B configuration ({@link JsonbProvider}) would (keys in lexicographical order of their
 * names, {@code @JsonbProperty} names, nulls written unless {@code @JsonbNillable(false)},
 * instants in {@link Timestamps}' format), but with each type's plan worked out once: Yasson's
 * generic chain per property was about 5 % of a PUT's CPU and 10 % of a details GET's for the 45
 * keys of an issue. Strings, numbers, booleans, instants, JSON-P values and lists are written
 * here, and so are the service's own nested views ({@link #plan}: records, and classes whose
 * properties are their public fields), which JSON-B took another 8 % of a details GET for (its
 * activities and people: a full user object each); anything else (maps, other types) goes back
 * to JSON-B. {@code WireRecordsTest} checks that the output equals JSON-B's own.
 */
public class WireRecords implements JsonbSerializer<Record> {

    /** One key of a type: its name, how to read it, whether a null is written. */
    private record Key(String name, MethodHandle reader, boolean nillable) {}

    /** Each type's keys in the order they are written; no keys: JSON-B writes the type. */
    private static final Map<Class<?>, Optional<Key[]>> PLANS = new ConcurrentHashMap<>();

    /** Every reader as {@code (Object) -> Object}, so that reading a value needs no adaptation per call. */
    private static final MethodType READER = MethodType.methodType(Object.class, Object.class);

    /** The JSON-B annotations a planned type may carry: the ones the plan follows. */
    private static final Set<Class<?>> FOLLOWED = Set.of(JsonbProperty.class, JsonbNillable.class);

    @Override
    public void serialize(Record record, JsonGenerator generator, SerializationContext context) {
        Key[] keys = PLANS.computeIfAbsent(record.getClass(), WireRecords::plan).orElseThrow(
                () -> new IllegalStateException(record.getClass() + " carries JSON-B annotations WireRecords does not follow"));
        writeObject(record, keys, generator, context);
    }

    /** Writes {@code value} as JSON-B would, under {@code name} (null: as an array element or the root). */
    private static void write(String name, Object value, JsonGenerator generator, SerializationContext context) {
        if (name != null) {
            generator.writeKey(name);
        }
        switch (value) {
            case null -> generator.writeNull();
            case String text -> generator.write(text);
            case Boolean flag -> generator.write(flag);
            case Integer number -> generator.write(number);
            case Long number -> generator.write(number);
            case Instant instant -> generator.write(Timestamps.format(instant));
            case JsonValue json -> generator.write(json);
            case List<?> list -> {
                generator.writeStartArray();
                for (Object element : list) {
                    write(null, element, generator, context);
                }
                generator.writeEnd();
            }
            default -> {
                Optional<Key[]> keys = PLANS.computeIfAbsent(value.getClass(), WireRecords::plan);
                if (keys.isPresent()) {
                    writeObject(value, keys.get(), generator, context);
                } else {
                    context.serialize(value, generator);
                }
            }
        }
    }

    private static void writeObject(Object object, Key[] keys, JsonGenerator generator, SerializationContext context) {
        generator.writeStartObject();
        for (Key key : keys) {
            Object value;
            try {
                value = key.reader().invokeExact(object);
            } catch (Throwable e) {
                throw new IllegalStateException("Cannot read " + key.name() + " of " + object.getClass(), e);
            }
            if (value != null || key.nillable()) {
                write(key.name(), value, generator, context);
            }
        }
        generator.writeEnd();
    }

    /** Whether objects of this type were written here (a test's check that the plan took effect). */
    static boolean planned(Class<?> type) {
        return PLANS.getOrDefault(type, Optional.empty()).isPresent();
    }

    /**
     * The keys of one of the service's own view types, as JSON-B finds them: a record's components,
     * or a class's public instance fields (its own and inherited) when it has no public instance
     * methods (JSON-B would read getters too). Empty, so that JSON-B writes it, for a type of
     * another package, one with JSON-B annotations other than {@code @JsonbProperty} and
     * {@code @JsonbNillable} on its keys (or {@code @JsonbTypeSerializer(WireRecords.class)} on a
     * record), a transient or hidden field, or a getter-like method besides a record's accessors.
     */
    private static Optional<Key[]> plan(Class<?> type) {
        if (!type.getName().startsWith("dev.triage.") || type.isEnum() || type.isInterface()
                || type.isArray() || !typeAnnotationsFollowed(type)) {
            return Optional.empty();
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        List<Key> keys = new ArrayList<>();
        try {
            if (type.isRecord()) {
                Set<String> accessors = new HashSet<>();
                for (RecordComponent component : type.getRecordComponents()) {
                    Method accessor = component.getAccessor();
                    accessors.add(accessor.getName());
                    Field field = type.getDeclaredField(component.getName());
                    if (!followed(accessor) || !followed(field)) {
                        return Optional.empty();
                    }
                    accessor.setAccessible(true); // JSON-B reads non-public records too
                    keys.add(key(component.getName(), lookup.unreflect(accessor), accessor, field));
                }
                for (Method method : type.getMethods()) {
                    if (!Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() == type
                            && method.getParameterCount() == 0 && !accessors.contains(method.getName())
                            && (method.getName().startsWith("get") || method.getName().startsWith("is"))) {
                        return Optional.empty();
                    }
                }
            } else {
                // JSON-B writes a superclass's keys before a subclass's, each class's sorted
                List<Class<?>> hierarchy = new ArrayList<>();
                for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
                    hierarchy.addFirst(c);
                }
                Set<String> names = new HashSet<>();
                for (Class<?> c : hierarchy) {
                    List<Key> own = new ArrayList<>();
                    if (c != type && !typeAnnotationsFollowed(c)) {
                        return Optional.empty();
                    }
                    for (Method method : c.getDeclaredMethods()) {
                        if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())) {
                            return Optional.empty();
                        }
                    }
                    for (Field field : c.getDeclaredFields()) {
                        int modifiers = field.getModifiers();
                        if (Modifier.isStatic(modifiers) || !Modifier.isPublic(modifiers)) {
                            continue;
                        }
                        if (Modifier.isTransient(modifiers) || !followed(field) || !names.add(field.getName())) {
                            return Optional.empty();
                        }
                        field.setAccessible(true); // JSON-B reads public fields of non-public classes too
                        own.add(key(field.getName(), lookup.unreflectGetter(field), field, field));
                    }
                    own.sort(Comparator.comparing(Key::name));
                    keys.addAll(own);
                }
                return Optional.of(keys.toArray(Key[]::new));
            }
        } catch (IllegalAccessException | NoSuchFieldException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the properties of " + type, e);
        }
        keys.sort(Comparator.comparing(Key::name));
        return Optional.of(keys.toArray(Key[]::new));
    }

    private static Key key(String name, MethodHandle reader, AnnotatedElement first, AnnotatedElement second) {
        JsonbProperty renamed = annotation(JsonbProperty.class, first, second);
        JsonbNillable nillable = annotation(JsonbNillable.class, first, second);
        return new Key(renamed == null || renamed.value().isEmpty() ? name : renamed.value(), reader.asType(READER),
                nillable == null || nillable.value());
    }

    private static <A extends Annotation> A annotation(Class<A> type, AnnotatedElement first, AnnotatedElement second) {
        A found = first.getAnnotation(type);
        return found != null ? found : second.getAnnotation(type);
    }

    /** Whether the type itself carries no JSON-B annotation, or only the one that names this serializer. */
    private static boolean typeAnnotationsFollowed(Class<?> type) {
        for (Annotation annotation : type.getDeclaredAnnotations()) {
            if (annotation instanceof JsonbTypeSerializer serializer && serializer.value() == WireRecords.class
                    && type.isRecord()) {
                continue;
            }
            if (isJsonb(annotation)) {
                return false;
            }
        }
        return type.getPackage() == null || Arrays.stream(type.getPackage().getDeclaredAnnotations()).noneMatch(WireRecords::isJsonb);
    }

    /** Whether a key carries no JSON-B annotations but the ones the plan follows. */
    private static boolean followed(AnnotatedElement element) {
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            if (isJsonb(annotation) && !FOLLOWED.contains(annotation.annotationType())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isJsonb(Annotation annotation) {
        return annotation.annotationType().getPackageName().startsWith("jakarta.json.bind");
    }
}
