package dev.triage.ingest.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Content encodings SDKs use, and the limits on both sides of decompression, enforced while streaming. */
class BodyDecoderTest {

    static final BodyDecoder DECODER = new BodyDecoder(20 * 1024 * 1024, 100 * 1024 * 1024);

    @Test
    void javaSdkGzip() throws IOException {
        byte[] decoded = decode(DECODER, Captures.raw("java/message.envelope.gz"), "gzip");
        assertArrayEquals(Captures.envelope("java/message.envelope.gz"), decoded);
    }

    @Test
    void deflateZlibAndRaw() throws IOException {
        byte[] body = Captures.envelope("node/message.envelope");
        assertArrayEquals(body, decode(DECODER, deflate(body, false), "deflate"));
        assertArrayEquals(body, decode(DECODER, deflate(body, true), "deflate"));
    }

    @Test
    void brotliWrittenByNode() throws IOException {
        byte[] br;
        try (var in = getClass().getResourceAsStream("/encodings/node-envelope.br")) {
            br = in.readAllBytes();
        }
        assertArrayEquals(Captures.envelope("node/exception-bad-input-a.envelope"), decode(DECODER, br, "br"));
    }

    @Test
    void noEncoding() throws IOException {
        assertArrayEquals("{}".getBytes(), decode(DECODER, "{}".getBytes(), null));
        assertArrayEquals("{}".getBytes(), decode(DECODER, "{}".getBytes(), "identity"));
    }

    @Test
    void gzipBombStopsAtTheDecompressedLimit() throws IOException {
        // 64 MiB of zeros gzip to about 64 KiB; the decoder gives up after 8 MiB, having held 8 KiB at a time
        byte[] bomb = gzip(new byte[1 << 20], 64);
        BodyDecoder small = new BodyDecoder(1 << 20, 8 << 20);
        try (InputStream in = small.open(new ByteArrayInputStream(bomb), "gzip")) {
            byte[] buffer = new byte[8192];
            Refused refused = assertThrows(Refused.class, () -> {
                while (in.read(buffer) >= 0) {
                    // read on, as the envelope reader does
                }
            });
            assertEquals(413, refused.status());
        }
    }

    @Test
    void theCompressedLimitCountsWhatIsSkippedToo() throws IOException {
        BodyDecoder tiny = new BodyDecoder(10, 100);
        try (InputStream in = tiny.open(new ByteArrayInputStream(new byte[11]), null)) {
            assertEquals(413, assertThrows(Refused.class, () -> in.skip(11)).status());
        }
    }

    @Test
    void tooLargeAsSentAndBrokenAndUnknown() {
        BodyDecoder tiny = new BodyDecoder(10, 100);
        assertEquals(413, assertThrows(Refused.class, () -> decode(tiny, new byte[11], null)).status());
        assertEquals(400, assertThrows(Refused.class, () -> decode(DECODER, "not gzip".getBytes(), "gzip")).status());
        assertEquals(400, assertThrows(Refused.class, () -> decode(DECODER, "not brotli at all".getBytes(), "br")).status());
        assertEquals(400, assertThrows(Refused.class, () -> decode(DECODER, "not deflate".getBytes(), "deflate")).status());
        assertEquals(415, assertThrows(Refused.class, () -> decode(DECODER, "{}".getBytes(), "zstd")).status());
    }

    @Test
    void aGzipBodyCutShortIsABadRequest() throws IOException {
        byte[] whole = gzip("{\"message\":\"cut\"}".repeat(100).getBytes(), 1);
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        assertEquals(400, assertThrows(Refused.class, () -> decode(DECODER, cut, "gzip")).status());
        Refused empty = assertThrows(Refused.class, () -> decode(DECODER, new byte[0], "gzip"));
        assertEquals("invalid gzip body: it ends early", empty.reason());
    }

    @Test
    void aFailingConnectionIsNotTheBodysFault() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThrows(UncheckedIOException.class, () -> DECODER.open(failing, null).read());
    }

    private static byte[] decode(BodyDecoder decoder, byte[] body, String encoding) throws IOException {
        try (InputStream in = decoder.open(new ByteArrayInputStream(body), encoding)) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] chunk, int times) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            for (int i = 0; i < times; i++) {
                gzip.write(chunk);
            }
        }
        return compressed.toByteArray();
    }

    private static byte[] deflate(byte[] body, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            deflater.write(body);
        }
        return out.toByteArray();
    }
}
