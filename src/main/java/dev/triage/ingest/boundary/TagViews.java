package dev.triage.ingest.boundary;

import dev.triage.ingest.control.IssueRollups;
import dev.triage.platform.Timestamps;
import dev.triage.platform.JsonFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An issue's tags on the wire, as Sentry shows them in the issue and its tag endpoints. */
public final class TagViews {

    /** Sentry's tag key display names; other keys show as they are. */
    private static final Map<String, String> TAG_NAMES = Map.ofEntries(
            Map.entry("level", "Level"), Map.entry("environment", "Environment"), Map.entry("release", "Release"),
            Map.entry("server_name", "Server"), Map.entry("user", "User"), Map.entry("browser", "Browser"),
            Map.entry("browser.name", "Browser.Name"), Map.entry("os", "OS"), Map.entry("os.name", "OS.Name"),
            Map.entry("runtime", "Runtime"), Map.entry("runtime.name", "Runtime.Name"),
            Map.entry("transaction", "Transaction"), Map.entry("logger", "Logger"), Map.entry("url", "URL"),
            Map.entry("dist", "Dist"));

    private TagViews() {}

    /** {@code [{key, name, totalValues, topValues: [{key, name, value, count, lastSeen, firstSeen}]}]}. */
    public static List<JsonObject> of(List<IssueRollups.TagSummary> tags) {
        List<JsonObject> view = new ArrayList<>(tags.size());
        for (IssueRollups.TagSummary tag : tags) {
            JsonArrayBuilder top = JsonFactory.JSON.createArrayBuilder();
            tag.values().forEach(v -> top.add(value(v)));
            view.add(JsonFactory.JSON.createObjectBuilder().add("key", tag.key()).add("name", TAG_NAMES.getOrDefault(tag.key(), tag.key()))
                    .add("totalValues", tag.totalValues()).add("topValues", top).build());
        }
        return view;
    }

    public static JsonObjectBuilder value(IssueRollups.TagValue v) {
        return JsonFactory.JSON.createObjectBuilder().add("key", v.key()).add("name", v.value()).add("value", v.value())
                .add("count", v.count()).add("lastSeen", Timestamps.format(v.lastSeen()))
                .add("firstSeen", Timestamps.format(v.firstSeen()));
    }
}
