package dev.triage.platform;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens verified in the last {@link #LIFETIME_SECONDS} seconds, by their exact text, so that a
 * client sending the same token request after request costs one signature check and one parse per
 * half minute instead of one per request (measured: about a tenth of a PUT's CPU). Only tokens
 * that verified are kept; a refused one is checked again each time. An entry ends with the token's
 * own expiry (plus the clock skew {@link TokenVerifier} allows), when the key set that verified it
 * may change (a remote key set's cache expires: {@link JwtTrust#keysUnchangedUntil()}) or after
 * {@link #LIFETIME_SECONDS}, whichever comes first, so a key the provider withdraws is refused as
 * soon as without the cache. At most {@link #MAX_ENTRIES} tokens are kept (a few MiB); when full, expired
 * entries go, and if none has expired, all do.
 */
final class RecentTokens {

    static final long LIFETIME_SECONDS = 30;
    static final int MAX_ENTRIES = 1000;

    private record Entry(VerifiedToken token, Instant until) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The token verified earlier, if it was and its entry is still valid at {@code now}. */
    VerifiedToken get(String raw, Instant now) {
        Entry entry = entries.get(raw);
        if (entry == null) {
            return null;
        }
        if (!now.isBefore(entry.until())) {
            entries.remove(raw, entry);
            return null;
        }
        return entry.token();
    }

    /**
     * @param expiresAt when the verifier may stop accepting the token (expiry plus skew, or the key set's change)
     */
    void put(String raw, VerifiedToken token, Instant expiresAt, Instant now) {
        Instant until = now.plusSeconds(LIFETIME_SECONDS);
        if (expiresAt.isBefore(until)) {
            until = expiresAt;
        }
        if (!now.isBefore(until)) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.until()));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(raw, new Entry(token, until));
    }

    int size() {
        return entries.size();
    }
}
