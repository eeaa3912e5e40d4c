package dev.triage.ingest.control;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Reads a request body as the SDK sent it: {@code Content-Encoding} gzip, deflate (zlib-wrapped,
 * or raw as some clients send it) or br, or none; chunked or with a length (the server undoes the
 * transfer encoding). The body is decoded as a stream, never held whole: the reader takes what it
 * needs as it goes. Both sides are bounded while reading, so a gzip bomb stops at the
 * decompressed limit instead of filling the heap.
 *
 * <p>The decoded stream's {@code read} throws {@link Refused} (413 past a limit, 400 for a body
 * that does not decompress) and {@link UncheckedIOException} when the client's connection fails.
 */
public final class BodyDecoder {

    private final long maxCompressed;
    private final long maxDecompressed;

    public BodyDecoder(long maxCompressed, long maxDecompressed) {
        this.maxCompressed = maxCompressed;
        this.maxDecompressed = maxDecompressed;
    }

    /** The decoded body as a stream; close it to release the decompressor. */
    public InputStream open(InputStream raw, String contentEncoding) {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        InputStream sent = new Limited(new Unchecked(raw), maxCompressed,
                "The request body is larger than " + maxCompressed + " bytes.");
        InputStream decoded = switch (encoding) {
            case "", "identity" -> sent;
            case "gzip", "x-gzip" -> new Malformed(opening("gzip", () -> new GZIPInputStream(sent, 8192)), "gzip");
            case "deflate" -> new Malformed(inflating(sent), "deflate");
            case "br" -> new Malformed(opening("brotli", () -> new BrotliInputStream(sent)), "brotli");
            default -> throw new Refused(415, "unsupported content encoding \"" + contentEncoding
                    + "\" (gzip, deflate, br or none)");
        };
        return new Limited(decoded, maxDecompressed,
                "The decompressed request body is larger than " + maxDecompressed + " bytes.");
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    /** gzip and brotli read their header when they are made: a body that has none is refused here. */
    private static InputStream opening(String format, Opener opener) {
        try {
            return opener.open();
        } catch (EOFException e) {
            throw Refused.badRequest("invalid " + format + " body: it ends early");
        } catch (IOException | IllegalStateException e) {
            throw Refused.badRequest("invalid " + format + " body: " + e.getMessage());
        }
    }

    /**
     * Deflate as HTTP means it is zlib-wrapped, but some clients send it raw: the first two bytes
     * tell which (a zlib header names method 8 and is a multiple of 31, RFC 1950).
     */
    private static InputStream inflating(InputStream sent) {
        PushbackInputStream in = new PushbackInputStream(sent, 2);
        try {
            byte[] head = in.readNBytes(2);
            boolean zlib = head.length == 2 && (head[0] & 0x0f) == 8 && (head[0] & 0xff) >> 4 <= 7
                    && (((head[0] & 0xff) << 8) | (head[1] & 0xff)) % 31 == 0;
            in.unread(head);
            Inflater inflater = new Inflater(!zlib);
            return new InflaterInputStream(in, inflater, 8192) {
                @Override
                public void close() throws IOException {
                    // an Inflater passed in is not ended by the stream: its native memory would wait for GC
                    inflater.end();
                    super.close();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A decompressor's {@link IOException} means the body is not what its encoding says (a failure
     * of the connection below arrives unchecked and passes through).
     */
    private static final class Malformed extends ReadThrough {
        private final String format;

        Malformed(InputStream in, String format) {
            super(in);
            this.format = format;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return in.read(b, off, len);
            } catch (EOFException e) {
                throw Refused.badRequest("invalid " + format + " body: it ends early");
            } catch (IOException | IllegalStateException e) {
                throw Refused.badRequest("invalid " + format + " body: " + e.getMessage());
            }
        }
    }

    /** The client's connection failing is not the body's fault: it goes up unchecked. */
    private static final class Unchecked extends ReadThrough {
        Unchecked(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Counts the bytes that pass and refuses more than the limit (413). */
    private static final class Limited extends ReadThrough {
        private final long limit;
        private final String message;
        private long read;

        Limited(InputStream in, long limit, String message) {
            super(in);
            this.limit = limit;
            this.message = message;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
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

    /**
     * A filter whose single-byte read and skip go through {@link #read(byte[], int, int)}, so each
     * layer sees every byte (FilterInputStream's skip would pass the layer by).
     */
    private abstract static class ReadThrough extends FilterInputStream {
        ReadThrough(InputStream in) {
            super(in);
        }

        @Override
        public abstract int read(byte[] b, int off, int len) throws IOException;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n;
            do {
                n = read(one, 0, 1);
            } while (n == 0);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(8192, Math.max(1, n))];
            long skipped = 0;
            while (skipped < n) {
                int got = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (got < 0) {
                    break;
                }
                skipped += got;
            }
            return skipped;
        }
    }
}
