package dev.triage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The access log's path: as received, but never able to forge a line or flood the log. */
class ServedRequestsTest {

    @Test
    void anOrdinaryPathIsLoggedAsItIs() {
        assertEquals("/api/0/issues/1%00/", ServedRequests.printable("/api/0/issues/1%00/"));
    }

    @Test
    void controlCharactersQuotesAndRawBytesAreEscaped() {
        // a refused path is raw bytes, one character per byte (ISO-8859-1)
        assertEquals("/a\\x0d\\x0a[forged]\\x22\\x5c\\xc3\\xa9", ServedRequests.printable("/a\r\n[forged]\"\\\u00c3\u00a9"));
    }

    @Test
    void aMissingPathIsADash() {
        assertEquals("-", ServedRequests.printable(null));
        assertEquals("-", ServedRequests.printable(""));
    }

    @Test
    void aHugePathIsCut() {
        String logged = ServedRequests.printable("/" + "x".repeat(70_000));
        assertEquals(ServedRequests.LOGGED_PATH_CHARS + 3, logged.length());
        assertEquals("...", logged.substring(logged.length() - 3));
    }
}
