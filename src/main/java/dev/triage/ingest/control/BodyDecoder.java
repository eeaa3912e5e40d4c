package dev.triage.ingest.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.brotli.dec.BrotliInputStream;

/**
 * Reads a request body as the SDK sent it: {@code Content-Encoding} gzip, deflate (zlib-wrapped,
 * or raw as some clients send it) or br, or none; chunked or with a length (the server undoes the
 * transfer encoding). Both sides are bounded while reading, so a gzip bomb stops at the
 * decompressed limit instead of filling the heap.
 */
public final class BodyDecoder {

    private final long maxCompressed;
    private final long maxDecompressed;

    public BodyDecoder(long maxCompressed, long maxDecompressed) {
        this.maxCompressed = maxCompressed;
        this.maxDecompressed = maxDecompressed;
    }

    /** The decoded body. */
    public byte[] decode(InputStream raw, String contentEncoding) throws IOException {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        InputStream counted = new LimitedInputStream(raw, maxCompressed,
                "The request body is larger than " + maxCompressed + " bytes.");
        switch (encoding) {
            case "", "identity" -> {
                return readAll(counted, maxDecompressed);
            }
            case "gzip", "x-gzip" -> {
                try (InputStream in = new GZIPInputStream(counted, 8192)) {
                    return readAll(in, maxDecompressed);
                } catch (ZipException | java.io.EOFException e) {
                    throw Refused.badRequest("invalid gzip body: " + e.getMessage());
                }
            }
            case "deflate" -> {
                byte[] compressed = readAll(counted, maxCompressed);
                try {
                    return inflate(compressed, false);
                } catch (ZipException | java.io.EOFException notZlib) {
                    try {
                        return inflate(compressed, true);
                    } catch (ZipException | java.io.EOFException e) {
                        throw Refused.badRequest("invalid deflate body: " + e.getMessage());
                    }
                }
            }
            case "br" -> {
                try (InputStream in = new BrotliInputStream(counted)) {
                    return readAll(in, maxDecompressed);
                } catch (Refused refused) {
                    throw refused;
                } catch (IOException | IllegalStateException e) {
                    throw Refused.badRequest("invalid brotli body: " + e.getMessage());
                }
            }
            default -> throw new Refused(415, "unsupported content encoding \"" + contentEncoding
                    + "\" (gzip, deflate, br or none)");
        }
    }

    private byte[] inflate(byte[] compressed, boolean raw) throws IOException {
        try (InputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(compressed), new Inflater(raw))) {
            byte[] out = readAll(in, maxDecompressed);
            return out;
        }
    }

    private static byte[] readAll(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > limit) {
                throw Refused.tooLarge("The decompressed request body is larger than " + limit + " bytes.");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Counts what the client sends and refuses more than the compressed limit. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private final long limit;
        private final String message;
        private long read;

        LimitedInputStream(InputStream in, long limit, String message) {
            super(in);
            this.limit = limit;
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw Refused.tooLarge(message);
            }
        }
    }
}
