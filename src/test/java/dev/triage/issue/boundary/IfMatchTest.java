package dev.triage.issue.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class IfMatchTest {

    @Test
    void readsTheVersionOfAnEntityTag() {
        assertEquals(3L, IfMatch.version("\"3\""));
        assertEquals(12L, IfMatch.version("12"));
        assertEquals(4L, IfMatch.version("\"4\", \"5\""));
    }

    @Test
    void absentOrAnyMeansUnconditional() {
        assertNull(IfMatch.version(null));
        assertNull(IfMatch.version(" "));
        assertNull(IfMatch.version("*"));
    }

    @Test
    void foreignTagsNeverMatch() {
        assertEquals(-1L, IfMatch.version("\"abc\""));
        assertEquals(-1L, IfMatch.version("\"-3\""));
    }

    @Test
    void weakTagsNeverMatch() {
        assertEquals(-1L, IfMatch.version("W/\"3\""));
    }
}
