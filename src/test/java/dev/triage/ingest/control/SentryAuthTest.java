package dev.triage.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Every form in which SDKs send their key (§2). */
class SentryAuthTest {

    static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void javaSdkHeader() {
        assertEquals(KEY, SentryAuth.publicKey("Sentry sentry_version=7,sentry_client=sentry.java/8.63.0,sentry_key=" + KEY,
                null, null, null));
    }

    @Test
    void sentryCliHeaderWithSpaces() {
        assertEquals(KEY, SentryAuth.publicKey("Sentry sentry_key=" + KEY + ", sentry_version=7, sentry_timestamp=1.5,"
                + " sentry_client=sentry-cli/x86_64", null, null, null));
    }

    @Test
    void nodeSdkQuery() {
        assertEquals(KEY, SentryAuth.publicKey(null, null, "sentry_version=7&sentry_key=" + KEY
                + "&sentry_client=sentry.javascript.node%2F11.12.0", null));
    }

    @Test
    void authorizationHeaderAndEnvelopeDsn() {
        assertEquals(KEY, SentryAuth.publicKey(null, "Sentry sentry_key=" + KEY, null, null));
        assertEquals(KEY, SentryAuth.publicKey(null, "Bearer abc", null, "https://" + KEY + "@errors.example.com/42"));
    }

    @Test
    void theSameKeyTwiceIsFineTwoKeysAreNot() {
        assertEquals(KEY, SentryAuth.publicKey("Sentry sentry_key=" + KEY, null, "sentry_key=" + KEY, null));
        assertEquals(400, assertThrows(Refused.class, () -> SentryAuth.publicKey("Sentry sentry_key=" + KEY, null,
                "sentry_key=ffffffffffffffffffffffffffffffff", null)).status());
    }

    @Test
    void noneOrMalformed() {
        assertNull(SentryAuth.publicKey(null, null, "other=1", null));
        assertEquals(400, assertThrows(Refused.class,
                () -> SentryAuth.publicKey("Sentry sentry_version=7", null, null, null)).status());
        assertEquals(400, assertThrows(Refused.class,
                () -> SentryAuth.publicKey(null, null, null, "https://errors.example.com/42")).status());
    }
}
