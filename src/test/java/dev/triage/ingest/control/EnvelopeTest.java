package dev.triage.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The envelope format (§3) as the three real clients write it, what is malformed, and the limits while streaming. */
class EnvelopeTest {

    static final int MAX_EVENT = 1024 * 1024;

    @Test
    void javaItemsCarryALength() {
        Envelope e = Envelope.open(new ByteArrayInputStream(Captures.envelope("java/exception-bad-input-a.envelope.gz")));
        assertEquals("3b3c8ee56b164797a2cec546a71207c0", e.eventId());
        assertEquals(1240, e.readItems(MAX_EVENT).length);
        assertEquals(List.of("event"), e.itemTypes());
    }

    @Test
    void nodeItemsRunToTheNewline() {
        Envelope e = Envelope.open(new ByteArrayInputStream(Captures.envelope("node/exception-bad-input-a.envelope")));
        byte[] event = e.readItems(MAX_EVENT);
        assertEquals('{', event[0]);
        assertEquals('}', event[event.length - 1]);
        assertEquals(List.of("event"), e.itemTypes());
        Envelope session = Envelope.open(new ByteArrayInputStream(Captures.envelope("node/session.envelope")));
        assertNull(session.readItems(MAX_EVENT), "no event item");
        assertEquals(List.of("session"), session.itemTypes());
    }

    @Test
    void severalItemsBinaryLengthAndNoFinalNewline() {
        Envelope e = open("{}\n{\"type\":\"attachment\",\"length\":3}\na\nb\n{\"type\":\"event\"}\n{\"message\":\"x\"}");
        assertEquals("{\"message\":\"x\"}", new String(e.readItems(MAX_EVENT), StandardCharsets.UTF_8));
        assertEquals(List.of("attachment", "event"), e.itemTypes());
        Envelope crlf = open("{}\r\n{\"type\":\"event\"}\r\n{\"message\":\"x\"}\r\n\r\n{\"type\":\"session\"}\r\n{}\r\n");
        assertEquals("{\"message\":\"x\"}", new String(crlf.readItems(MAX_EVENT), StandardCharsets.UTF_8));
        assertEquals(List.of("event", "session"), crlf.itemTypes());
    }

    @Test
    void malformedEnvelopesAreRefused() {
        assertEquals(400, refused("").status());
        assertEquals(400, refused("not json\n").status());
        assertEquals(400, refused("[1]\n").status());
        assertEquals(400, refused("{}\n{\"length\": 2}\nab\n").status(), "no type");
        assertEquals(400, refused("{}\n{\"type\":\"event\",\"length\":500}\n{}\n").status(), "length past the end");
        assertEquals(400, refused("{}\n{\"type\":\"attachment\",\"length\":500}\n{}\n").status(), "length past the end");
        assertEquals(400, refused("{}\n{\"type\":\"event\",\"length\":-1}\n{}\n").status());
        assertEquals(400, refused("{}\n{\"type\":\"event\",\"length\":1.5}\n{}\n").status());
        assertEquals(400, refused("{}\n{oops\n").status());
        assertEquals(400, refused("{}\n{\"type\":\"event\"}\n{}\n{\"type\":\"event\"}\n{}\n").status(), "two events");
    }

    @Test
    void anEventPastItsLimitIsRefusedWithoutReadingIt() {
        // the length alone tells: the payload (absent here) is never read
        assertEquals(413, refused("{}\n{\"type\":\"event\",\"length\":" + (MAX_EVENT + 1) + "}\n").status());
        assertEquals(413, refused("{}\n{\"type\":\"event\",\"length\":99999999999999999999999}\n").status());
        // without a length it is read up to the limit, and no further
        String big = "{\"message\":\"" + "x".repeat(MAX_EVENT) + "\"}";
        assertEquals(413, refused("{}\n{\"type\":\"event\"}\n" + big + "\n").status());
        assertEquals(MAX_EVENT, open("{}\n{\"type\":\"event\"}\n" + "x".repeat(MAX_EVENT) + "\n").readItems(MAX_EVENT).length,
                "exactly the limit is accepted");
    }

    @Test
    void headerLinesAreBounded() {
        assertEquals(413, refused("{\"x\":\"" + "y".repeat(Envelope.MAX_HEADER_BYTES) + "\"}\n").status());
        assertEquals(413, refused("{}\n{\"type\":\"event\",\"x\":\"" + "y".repeat(Envelope.MAX_HEADER_BYTES) + "\"}\n{}\n")
                .status());
    }

    @Test
    void largeAttachmentsAreReadPastWithoutBeingHeld() {
        // 256 MiB of attachment, made as it is read; the thread allocates a small fraction of that
        long size = 256L << 20;
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        InputStream body = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                text("{\"event_id\":\"9ec79c33ec9942ab8353589fcb2e04dc\"}\n{\"type\":\"attachment\",\"length\":" + size + "}\n"),
                new Zeros(size),
                text("\n{\"type\":\"event\"}\n{\"message\":\"after the attachment\"}\n"))));
        Envelope e = Envelope.open(body);
        assertEquals("{\"message\":\"after the attachment\"}", new String(e.readItems(MAX_EVENT), StandardCharsets.UTF_8));
        assertEquals(List.of("attachment", "event"), e.itemTypes());
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        org.junit.jupiter.api.Assertions.assertTrue(allocated < (16L << 20), allocated + " bytes allocated");
    }

    private static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Envelope open(String text) {
        return Envelope.open(text(text));
    }

    private static Refused refused(String text) {
        return assertThrows(Refused.class, () -> open(text).readItems(MAX_EVENT));
    }

    /** {@code size} zero bytes, produced as they are read. */
    static final class Zeros extends InputStream {
        private long left;

        Zeros(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
