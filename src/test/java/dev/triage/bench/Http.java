package dev.triage.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The load generator's HTTP client: the JDK's blocking {@link HttpURLConnection} with keep-alive.
 * It does its work on the calling thread (no selector or executor threads of its own), which keeps
 * the generator's share of the two cores small and easy to account for.
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

    static Answer send(String method, String url, String token, String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(120_000);
        if (token != null) {
            connection.setRequestProperty("Authorization", "Bearer " + token);
        }
        if (body != null) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
        }
        return answer(connection);
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
