package dev.triage.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Sentry's wire format for instants: ISO-8601 in UTC with exactly six fractional digits. */
public final class Timestamps {

    private static final DateTimeFormatter WIRE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String format(Instant instant) {
        return instant == null ? null : WIRE.format(instant);
    }

    /** The database keeps microseconds; so do we, so that what we write is what we read back. */
    static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));

    public static Instant now() {
        return Instant.now(CLOCK);
    }
}
