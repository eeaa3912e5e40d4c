package dev.triage.ingest.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which issue an event joins, Sentry's way (§5 of SENTRY-INGEST.md): an explicit fingerprint
 * alone decides; otherwise the default hash, which a fingerprint holding {@code {{ default }}}
 * extends with its other parts. The default hash is the main exception's type and stack trace
 * (only in-app frames when any frame is in-app; per frame module or file name and function, never
 * line numbers, never the exception's value); without a stack trace the type and the value with
 * variable parts replaced; without an exception the message likewise. The result is an MD5 hex,
 * unique per project (the caller scopes it).
 */
public final class Grouping {

    static final String DEFAULT_PLACEHOLDER = "{{ default }}";

    // variable parts of messages and exception values, replaced by placeholders (Sentry's
    // message parameterization does the same kind of thing)
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\\b");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\b\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?\\b");
    private static final Pattern HEX = Pattern.compile("\\b0[xX][0-9a-fA-F]+\\b|\\b(?=[0-9a-fA-F]*\\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\\b");
    private static final Pattern NUMBER = Pattern.compile("-?\\b\\d+(\\.\\d+)?\\b");

    // parts of generated class and function names that differ between runs of the same code
    private static final Pattern JAVA_LAMBDA = Pattern.compile("\\$\\$Lambda(\\$\\d+)?/0x[0-9a-fA-F]+|\\$\\$Lambda\\$\\d+");
    private static final Pattern JAVA_LAMBDA_NUMBER = Pattern.compile("lambda\\$(.*)\\$\\d+");
    private static final Pattern JAVA_GENERATED = Pattern.compile("(\\$\\$(EnhancerBy|FastClassBy)?[A-Za-z]*\\$\\$)[0-9a-fA-F]+|\\$Proxy\\d+|GeneratedMethodAccessor\\d+");

    private Grouping() {}

    /** The hash of an event whose main exception and message are already extracted. */
    public static String hash(JsonObject event, JsonObject mainException, String message, List<String> fingerprint) {
        List<String> components = new ArrayList<>();
        boolean explicit = !fingerprint.isEmpty();
        boolean extendsDefault = fingerprint.stream().anyMatch(Grouping::isDefaultPlaceholder);
        if (explicit && !extendsDefault) {
            components.add("fingerprint");
            components.addAll(fingerprint);
            return md5(components);
        }
        components.addAll(defaultComponents(mainException, message));
        if (extendsDefault) {
            components.add("fingerprint");
            for (String part : fingerprint) {
                if (!isDefaultPlaceholder(part)) {
                    components.add(part);
                }
            }
        }
        return md5(components);
    }

    static boolean isDefaultPlaceholder(String part) {
        return part.replace(" ", "").equals("{{default}}");
    }

    static List<String> defaultComponents(JsonObject exception, String message) {
        List<String> components = new ArrayList<>();
        if (exception != null) {
            String type = text(exception, "type");
            components.add("exception");
            components.add(type == null ? "" : type);
            List<JsonObject> frames = groupingFrames(exception);
            if (!frames.isEmpty()) {
                components.add("stacktrace");
                for (JsonObject frame : frames) {
                    components.add(frameModule(frame) + "|" + normalizeFunction(text(frame, "function")));
                }
                return components;
            }
            components.add(normalizeMessage(text(exception, "value")));
            return components;
        }
        components.add("message");
        components.add(normalizeMessage(message));
        return components;
    }

    /** The frames that identify the code path: only in-app ones when there are any. */
    static List<JsonObject> groupingFrames(JsonObject exception) {
        List<JsonObject> frames = EventFields.frames(exception);
        List<JsonObject> inApp = frames.stream().filter(EventFields::inApp).toList();
        return inApp.isEmpty() ? frames : inApp;
    }

    /** The frame's module, or its file name without directories and extension. */
    static String frameModule(JsonObject frame) {
        String module = text(frame, "module");
        if (module != null && !module.isEmpty()) {
            return JAVA_GENERATED.matcher(JAVA_LAMBDA.matcher(module).replaceAll("\\$\\$Lambda")).replaceAll("$1");
        }
        String file = text(frame, "filename");
        if (file == null) {
            file = text(frame, "abs_path");
        }
        if (file == null) {
            return "";
        }
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        String name = file.substring(slash + 1);
        int query = name.indexOf('?');
        if (query >= 0) {
            name = name.substring(0, query);
        }
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String normalizeFunction(String function) {
        if (function == null) {
            return "";
        }
        if (function.indexOf('$') < 0 && !function.contains("GeneratedMethodAccessor")) {
            // nothing generated in it (most names): the patterns below cannot match
            return function;
        }
        String f = JAVA_LAMBDA.matcher(function).replaceAll("\\$\\$Lambda");
        f = JAVA_GENERATED.matcher(f).replaceAll("$1");
        // javac numbers lambdas per class: lambda$main$0; the number moves when code is added
        return JAVA_LAMBDA_NUMBER.matcher(f).replaceAll("lambda\\$$1");
    }

    /** A message or value with numbers, hex ids, UUIDs and timestamps replaced by placeholders. */
    public static String normalizeMessage(String message) {
        if (message == null) {
            return "";
        }
        String m = UUID.matcher(message).replaceAll("<uuid>");
        m = TIMESTAMP.matcher(m).replaceAll("<date>");
        m = HEX.matcher(m).replaceAll("<hex>");
        return NUMBER.matcher(m).replaceAll("<int>");
    }

    private static String text(JsonObject object, String name) {
        JsonValue value = object == null ? null : object.get(name);
        return value instanceof JsonString s ? s.getString() : null;
    }

    static String md5(List<String> components) {
        try {
            // a clone of a ready digest skips the provider look-up getInstance makes each time
            MessageDigest digest = (MessageDigest) MD5.clone();
            for (String component : components) {
                digest.update(component.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final MessageDigest MD5 = md5Digest();

    private static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> strings(JsonArray array) {
        return array.stream().map(v -> v instanceof JsonString s ? s.getString() : v.toString()).toList();
    }
}
