package dev.triage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sentry's paging headers, as src/sentry/api/base.py (add_cursor_headers, build_cursor_link) writes them. */
class CursorTest {

    static final URI LIST = URI.create("http://localhost:8080/api/0/organizations/acme/issues/"
            + "?query=is%3Aunresolved+level%3Aerror&cursor=0%3A100%3A0&project=2&project=3&shortIdLookup=1");

    @Test
    void hitsAreCountedUpToSentrysCap() {
        Map<String, String> some = Cursor.headers(LIST, 100, 100, true, 250);
        assertEquals("250", some.get("X-Hits"));
        assertFalse(some.containsKey("X-Max-Hits"));

        Map<String, String> capped = Cursor.headers(LIST, 0, 100, true, 5000);
        assertEquals("1000", capped.get("X-Hits"));
        assertEquals("1000", capped.get("X-Max-Hits"));
    }

    @Test
    void theLinkKeepsTheOtherParametersInOrderAndPutsTheCursorLast() {
        String expected = "http://localhost:8080/api/0/organizations/acme/issues/"
                + "?query=is%3Aunresolved+level%3Aerror&project=2&project=3&shortIdLookup=1&cursor=";
        assertEquals("<" + expected + "0:0:1>; rel=\"previous\"; results=\"true\"; cursor=\"0:0:1\", <"
                + expected + "0:200:0>; rel=\"next\"; results=\"true\"; cursor=\"0:200:0\"",
                Cursor.headers(LIST, 100, 100, true, 250).get("Link"));
    }

    @Test
    void withoutParametersTheCursorFollowsTheQuestionMark() {
        URI bare = URI.create("https://triage.example.com/api/0/projects/acme/pump/issues/");
        assertEquals("<https://triage.example.com/api/0/projects/acme/pump/issues/?&cursor=0:0:1>; rel=\"previous\";"
                + " results=\"false\"; cursor=\"0:0:1\", <https://triage.example.com/api/0/projects/acme/pump/issues/"
                + "?&cursor=0:100:0>; rel=\"next\"; results=\"false\"; cursor=\"0:100:0\"",
                Cursor.headers(bare, 0, 100, false, 3).get("Link"));
    }

    @Test
    void aWindowOfAListInMemoryHoldsOneItemMoreWhenAnotherPageFollows() {
        List<Integer> items = List.of(1, 2, 3, 4, 5);
        assertEquals(List.of(1, 2, 3), new Cursor.Window(0, 2).of(items));
        assertEquals(List.of(5), new Cursor.Window(4, 2).of(items));
        assertEquals(List.of(), new Cursor.Window(9, 2).of(items));
        assertEquals(3, new Cursor.Window(0, 2).fetch());
    }
}
