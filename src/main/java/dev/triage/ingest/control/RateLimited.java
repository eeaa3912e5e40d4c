package dev.triage.ingest.control;

import dev.triage.clientkey.control.KeyQuotas;

/**
 * 429: the client key's rate limit is used up for this window. Carries what Sentry's SDKs read to
 * stop sending until the window ends: {@code Retry-After} and {@code X-Sentry-Rate-Limits}.
 */
public class RateLimited extends Refused {

    private final transient KeyQuotas.Exhausted exhausted;

    RateLimited(KeyQuotas.Exhausted exhausted) {
        super(429, "event submission rejected: the client key's rate limit of " + exhausted.count()
                + " events per " + exhausted.window() + " seconds is used up (key_quota)");
        this.exhausted = exhausted;
    }

    public long retryAfterSeconds() {
        return exhausted.retryAfterSeconds();
    }

    public String rateLimitsHeader() {
        return exhausted.rateLimitsHeader();
    }
}
