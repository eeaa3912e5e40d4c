package dev.triage.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.1 written by hand over a socket, for what java.net.http refuses to send: both
 * Content-Length and Transfer-Encoding, pipelined requests, a body that stalls, raw bytes in
 * the path. Reads every answer until the server closes or stays quiet for {@code quietMillis}.
 */
final class RawHttp {

    /** What came back: the answers in order, and whether the server closed the connection. */
    record Exchange(List<Answer> answers, boolean closed, long millis) {
        Answer first() {
            return answers.get(0);
        }
    }

    record Answer(int status, String head, String body) {
        boolean header(String name, String value) {
            return head.toLowerCase().contains("\r\n" + name.toLowerCase() + ": " + value.toLowerCase());
        }

        @Override
        public String toString() {
            return head + "\r\n\r\n" + body;
        }
    }

    private RawHttp() {}

    static Exchange send(byte[] request, int quietMillis) {
        return send(request, 0, null, quietMillis, false);
    }

    /** {@link #send(byte[], int)} to another service than the suite's ({@code base}: its URL). */
    static Exchange send(String base, byte[] request, int quietMillis) {
        return send(URI.create(base), request, 0, null, quietMillis, false);
    }

    /** Sends {@code request} and returns as soon as one whole answer is there (or after {@code quietMillis}). */
    static Exchange firstAnswer(byte[] request, int quietMillis) {
        return send(request, 0, null, quietMillis, true);
    }

    /** Sends {@code request}, then after {@code pauseMillis} (if positive) {@code rest}. */
    static Exchange send(byte[] request, int pauseMillis, byte[] rest, int quietMillis, boolean onlyFirst) {
        return send(URI.create(TestEnvironment.baseUrl()), request, pauseMillis, rest, quietMillis, onlyFirst);
    }

    private static Exchange send(URI base, byte[] request, int pauseMillis, byte[] rest, int quietMillis,
                                 boolean onlyFirst) {
        long start = System.nanoTime();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.setSoTimeout(quietMillis);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            boolean closed = false;
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            long restAt = pauseMillis > 0 ? System.currentTimeMillis() + pauseMillis : Long.MAX_VALUE;
            while (true) {
                try {
                    int n = in.read(buffer);
                    if (n < 0) {
                        closed = true;
                        break;
                    }
                    received.write(buffer, 0, n);
                    if (onlyFirst && !parse(received.toString(StandardCharsets.ISO_8859_1)).isEmpty()) {
                        break;
                    }
                } catch (SocketTimeoutException quiet) {
                    if (rest != null && System.currentTimeMillis() >= restAt) {
                        socket.getOutputStream().write(rest);
                        rest = null;
                        continue;
                    }
                    if (rest == null) {
                        break;
                    }
                } catch (IOException reset) {
                    closed = true;
                    break;
                }
            }
            return new Exchange(parse(received.toString(StandardCharsets.ISO_8859_1)), closed,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the answer whose head ends at {@code headEnd} has all of its body (by Content-Length). */
    private static boolean complete(String text, int at, int headEnd) {
        String lower = text.substring(at, headEnd).toLowerCase();
        int length = lower.indexOf("\r\ncontent-length:");
        if (length < 0) {
            return !lower.contains("\r\ntransfer-encoding: chunked") || text.indexOf("\r\n0\r\n\r\n", headEnd) >= 0;
        }
        int end = lower.indexOf("\r\n", length + 2);
        long n = Long.parseLong(lower.substring(length + 17, end < 0 ? lower.length() : end).trim());
        return text.length() - (headEnd + 4) >= n;
    }

    private static List<Answer> parse(String text) {
        List<Answer> answers = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int headEnd = text.indexOf("\r\n\r\n", at);
            if (headEnd < 0 || !complete(text, at, headEnd)) {
                break;
            }
            String head = text.substring(at, headEnd);
            int status = Integer.parseInt(head.substring(9, 12));
            int bodyStart = headEnd + 4;
            String lower = head.toLowerCase();
            String body;
            int next;
            int length = lower.indexOf("\r\ncontent-length:");
            if (length >= 0) {
                int end = lower.indexOf("\r\n", length + 2);
                int n = Integer.parseInt(head.substring(length + 17, end < 0 ? head.length() : end).trim());
                body = text.substring(bodyStart, Math.min(text.length(), bodyStart + n));
                next = bodyStart + n;
            } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
                StringBuilder chunks = new StringBuilder();
                int p = bodyStart;
                while (true) {
                    int lineEnd = text.indexOf("\r\n", p);
                    int size = Integer.parseInt(text.substring(p, lineEnd).trim(), 16);
                    p = lineEnd + 2;
                    if (size == 0) {
                        p += 2;
                        break;
                    }
                    chunks.append(text, p, p + size);
                    p += size + 2;
                }
                body = chunks.toString();
                next = p;
            } else {
                body = "";
                next = bodyStart;
            }
            answers.add(new Answer(status, head, body));
            at = next;
        }
        return answers;
    }
}
