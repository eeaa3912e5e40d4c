package dev.triage.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyOrderStrategy;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;

/**
 * The one JSON-B configuration of the API: nulls are written (Sentry's clients expect every key),
 * keys are sorted as in Sentry's documented examples, and instants use {@link Timestamps}.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class JsonbProvider implements ContextResolver<Jsonb> {

    static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withNullValues(true)
            .withPropertyOrderStrategy(PropertyOrderStrategy.LEXICOGRAPHICAL)
            .withSerializers(new InstantSerializer()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    static final class InstantSerializer implements JsonbSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext ctx) {
            generator.write(Timestamps.format(value));
        }
    }
}
