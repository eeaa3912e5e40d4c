package dev.triage.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The envelope format (§3) as the three real clients write it, and what is malformed. */
class EnvelopeTest {

    @Test
    void javaItemsCarryALength() {
        Envelope e = Envelope.parse(Captures.envelope("java/exception-bad-input-a.envelope.gz"));
        assertEquals("3b3c8ee56b164797a2cec546a71207c0", e.eventId());
        assertEquals(List.of("event"), e.items().stream().map(Envelope.Item::type).toList());
        assertEquals(1240, e.items().get(0).length());
    }

    @Test
    void nodeItemsRunToTheNewline() {
        Envelope e = Envelope.parse(Captures.envelope("node/exception-bad-input-a.envelope"));
        assertEquals("event", e.items().get(0).type());
        Envelope session = Envelope.parse(Captures.envelope("node/session.envelope"));
        assertEquals(List.of("session"), session.items().stream().map(Envelope.Item::type).toList());
    }

    @Test
    void severalItemsBinaryLengthAndNoFinalNewline() {
        Envelope e = parse("{}\n{\"type\":\"attachment\",\"length\":3}\na\nb\n{\"type\":\"event\"}\n{\"message\":\"x\"}");
        assertEquals(List.of("attachment", "event"), e.items().stream().map(Envelope.Item::type).toList());
        assertEquals("a\nb", new String(e.items().get(0).payload().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("{\"message\":\"x\"}", new String(e.items().get(1).payload().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void malformedEnvelopesAreRefused() {
        assertEquals(400, refused("").status());
        assertEquals(400, refused("not json\n").status());
        assertEquals(400, refused("[1]\n").status());
        assertEquals(400, refused("{}\n{\"length\": 2}\nab\n").status(), "no type");
        assertEquals(400, refused("{}\n{\"type\":\"event\",\"length\":500}\n{}\n").status(), "length past the end");
        assertEquals(400, refused("{}\n{\"type\":\"event\",\"length\":-1}\n{}\n").status());
        assertEquals(400, refused("{}\n{oops\n").status());
    }

    private static Envelope parse(String text) {
        return Envelope.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Refused refused(String text) {
        return assertThrows(Refused.class, () -> parse(text));
    }
}
