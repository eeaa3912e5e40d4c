package dev.triage.ingest.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Content encodings SDKs use, and the limits on both sides of decompression. */
class BodyDecoderTest {

    static final BodyDecoder DECODER = new BodyDecoder(20 * 1024 * 1024, 100 * 1024 * 1024);

    @Test
    void javaSdkGzip() throws IOException {
        byte[] decoded = DECODER.decode(new ByteArrayInputStream(Captures.raw("java/message.envelope.gz")), "gzip");
        assertArrayEquals(Captures.envelope("java/message.envelope.gz"), decoded);
    }

    @Test
    void deflateZlibAndRaw() throws IOException {
        byte[] body = Captures.envelope("node/message.envelope");
        assertArrayEquals(body, DECODER.decode(new ByteArrayInputStream(deflate(body, false)), "deflate"));
        assertArrayEquals(body, DECODER.decode(new ByteArrayInputStream(deflate(body, true)), "deflate"));
    }

    @Test
    void brotliWrittenByNode() throws IOException {
        byte[] br;
        try (var in = getClass().getResourceAsStream("/encodings/node-envelope.br")) {
            br = in.readAllBytes();
        }
        assertArrayEquals(Captures.envelope("node/exception-bad-input-a.envelope"),
                DECODER.decode(new ByteArrayInputStream(br), "br"));
    }

    @Test
    void noEncoding() throws IOException {
        assertArrayEquals("{}".getBytes(), DECODER.decode(new ByteArrayInputStream("{}".getBytes()), null));
        assertArrayEquals("{}".getBytes(), DECODER.decode(new ByteArrayInputStream("{}".getBytes()), "identity"));
    }

    @Test
    void gzipBombStopsAtTheDecompressedLimit() throws IOException {
        // 64 MiB of zeros gzip to about 64 KiB
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gzip.write(zeros);
            }
        }
        BodyDecoder small = new BodyDecoder(1 << 20, 8 << 20);
        Refused refused = assertThrows(Refused.class,
                () -> small.decode(new ByteArrayInputStream(compressed.toByteArray()), "gzip"));
        assertEquals(413, refused.status());
    }

    @Test
    void tooLargeAsSentAndBrokenAndUnknown() {
        BodyDecoder tiny = new BodyDecoder(10, 100);
        assertEquals(413, assertThrows(Refused.class,
                () -> tiny.decode(new ByteArrayInputStream(new byte[11]), null)).status());
        assertEquals(400, assertThrows(Refused.class,
                () -> DECODER.decode(new ByteArrayInputStream("not gzip".getBytes()), "gzip")).status());
        assertEquals(400, assertThrows(Refused.class,
                () -> DECODER.decode(new ByteArrayInputStream("not brotli at all".getBytes()), "br")).status());
        assertEquals(415, assertThrows(Refused.class,
                () -> DECODER.decode(new ByteArrayInputStream("{}".getBytes()), "zstd")).status());
    }

    private static byte[] deflate(byte[] body, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            deflater.write(body);
        }
        return out.toByteArray();
    }
}
