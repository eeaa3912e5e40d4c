package dev.triage.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The load generator's HTTP clients. Both do their work on the calling thread (no selector or
 * executor threads of their own), which keeps the generator's share of the two cores small and
 * easy to account for: {@link #send} (the issue API's rows) speaks HTTP/1.1 over one keep-alive
 * socket per client thread; {@link #sendBytes} (ingestion) uses the JDK's {@link HttpURLConnection}.
 */
final class Http {

    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static {
        // keep one idle connection per client thread instead of the default five in total
        System.setProperty("http.maxConnections", "64");
        System.setProperty("sun.net.http.retryPost", "false");
    }

    private Http() {}

    /** A binary body with the given headers (name, value, name, value, ...). */
    static Answer sendBytes(String method, String url, byte[] body, String... headers) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(120_000);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            connection.setRequestProperty(headers[i], headers[i + 1]);
        }
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        return answer(connection);
    }

    /**
     * A JSON request ({@code body} may be null) with a bearer token (may be null) on this thread's
     * own keep-alive connection. The issue API's rows send thousands of these a second while the
     * service, PostgreSQL and this generator share two cores, so the generator does the least it
     * can: one socket per client thread, the request written as one buffer, the answer parsed in
     * place ({@code Content-Length} or chunked). Measured against {@link HttpURLConnection} (which
     * {@link #sendBytes} keeps using) on the PUT row: see README "Benchmark".
     */
    static Answer send(String method, String url, String token, String body) throws IOException {
        URI uri = URI.create(url);
        StringBuilder head = new StringBuilder(512).append(method).append(' ').append(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[start.length + bytes.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(bytes, 0, request, start.length, bytes.length);
        Connection connection = CONNECTIONS.get();
        if (connection != null && !connection.reaches(uri)) {
            connection.close();
            connection = null;
        }
        if (connection != null) {
            try {
                return connection.exchange(request, method);
            } catch (StaleConnection stale) {
                // the server closed this idle connection before reading the request: send it again
                // on a new one (nothing of it was processed)
                connection.close();
            } catch (IOException | RuntimeException e) {
                connection.close();
                CONNECTIONS.remove();
                throw e;
            }
        }
        connection = new Connection(uri);
        CONNECTIONS.set(connection);
        try {
            return connection.exchange(request, method);
        } catch (IOException | RuntimeException e) {
            connection.close();
            CONNECTIONS.remove();
            throw e;
        }
    }

    private static final ThreadLocal<Connection> CONNECTIONS = new ThreadLocal<>();

    /** A reused connection the server had closed: no byte of an answer came. */
    private static final class StaleConnection extends IOException {
        StaleConnection() {
            super("connection closed by the server before the answer");
        }
    }

    /** One keep-alive HTTP/1.1 connection of one client thread. */
    private static final class Connection {
        private final String host;
        private final int port;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean used;

        Connection(URI uri) throws IOException {
            host = uri.getHost();
            port = uri.getPort();
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(120_000);
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            out = socket.getOutputStream();
        }

        boolean reaches(URI uri) {
            return host.equals(uri.getHost()) && port == uri.getPort() && !socket.isClosed();
        }

        Answer exchange(byte[] request, String method) throws IOException {
            boolean reused = used;
            used = true;
            out.write(request);
            out.flush();
            String statusLine = line(reused);
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(false); !header.isEmpty(); header = line(false)) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            byte[] content;
            if (method.equals("HEAD") || status == 204 || status == 304 || status < 200) {
                content = new byte[0];
            } else if (chunked) {
                content = chunks();
            } else if (length >= 0) {
                content = in.readNBytes((int) length);
                if (content.length < length) {
                    throw new IOException("answer cut off after " + content.length + " of " + length + " bytes");
                }
            } else {
                content = in.readAllBytes();
                close = true;
            }
            if (close) {
                close();
                CONNECTIONS.remove();
            }
            return new Answer(status, new String(content, StandardCharsets.UTF_8));
        }

        private byte[] chunks() throws IOException {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            while (true) {
                String size = line(false);
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    while (!line(false).isEmpty()) {
                        // trailers
                    }
                    return body.toByteArray();
                }
                byte[] chunk = in.readNBytes(n);
                if (chunk.length < n) {
                    throw new IOException("chunk cut off");
                }
                body.write(chunk);
                line(false);
            }
        }

        /** One header line without its CRLF; at the first byte of a reused connection, EOF means stale. */
        private String line(boolean firstOfReused) throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                int b;
                try {
                    b = in.read();
                } catch (java.net.SocketException reset) {
                    if (firstOfReused && line.isEmpty()) {
                        throw new StaleConnection();
                    }
                    throw reset;
                }
                if (b < 0) {
                    if (firstOfReused && line.isEmpty()) {
                        throw new StaleConnection();
                    }
                    throw new IOException("connection closed in the middle of an answer");
                }
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) b);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static Answer answer(HttpURLConnection connection) throws IOException {
        int status = connection.getResponseCode();
        // read the whole answer so the connection goes back to the keep-alive cache
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        String text = "";
        if (in != null) {
            try (in) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new Answer(status, text);
    }
}
