package dev.triage.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;
import java.time.Clock;

/**
 * What the platform offers the features' control code by injection, so that it never imports the
 * platform: the cached JSON-P provider, the API's JSON-B configuration and the clock.
 */
@ApplicationScoped
public class PlatformBeans {

    @Produces
    @Dependent
    JsonProvider jsonProvider() {
        return JsonFactory.JSON;
    }

    /** The one JSON-B configuration (see {@link JsonbProvider}), e.g. to store JSON text. */
    @Produces
    @Dependent
    Jsonb jsonb() {
        return JsonbProvider.JSONB;
    }

    /** Ticks in microseconds, as the database stores time (see {@link Timestamps#now()}). */
    @Produces
    @Dependent
    Clock clock() {
        return Timestamps.CLOCK;
    }
}
