package dev.triage.platform;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacket;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.HttpProbe;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Requests that Payara's HTTP server (Grizzly) refuses while it parses them, before any valve,
 * filter or servlet of the service runs, answered in Sentry's format instead of Grizzly's empty
 * 400, and refused there, before the web container, where it would otherwise let them through:
 * <ul>
 * <li>a request line and headers over the server's limit ({@code header-buffer-length-bytes},
 * pre-boot-commands.asadmin): 431;
 * <li>{@code Content-Length} together with {@code Transfer-Encoding}, in either order: a proxy in
 * front may frame the body by the one while this server frames it by the other, which lets a
 * client smuggle a request into someone else's connection (RFC 9112 §6.3: reject, then close).
 * Grizzly refuses one order itself; the other it reads as chunked after dropping the
 * {@code Content-Length}, so only its copy of the header section as received still shows it;
 * <li>a path the web container cannot map (an encoded U+0000, a backslash, a broken
 * percent-encoding or UTF-8, {@code ..} above the root): it answers them with an empty 400, or,
 * for a broken escape, an empty 200;
 * <li>anything else Grizzly cannot parse (no {@code Host}, an unknown HTTP version, a malformed
 * request line or header): its own status, 400 or 505.
 * </ul>
 * Every such answer ends the connection, and Grizzly reads nothing more from it, so a request sent
 * behind a refused one is never served. Each is counted in {@code /metrics} under the route
 * {@code unparsed} with its status, and has its access log line ({@link ServedRequests}), as the
 * web container's requests have theirs.
 *
 * <p>How: Grizzly's HTTP codec tells its monitoring probes ({@link HttpProbe}) about every parsed
 * header section and every parse error, before it answers. This listener adds a probe to the codec
 * of each HTTP listener when the service is deployed: for a parsed header section it checks the
 * framing and the path and throws when one is refused, which makes it a parse error; for a parse
 * error it writes the JSON answer through the codec (status line, {@code Date}, {@code Connection:
 * close}) and marks the response committed, so that the codec's own error answer adds nothing but
 * closing the connection.
 */
@WebListener
public class HttpParserErrors implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(HttpParserErrors.class.getName());

    /** The request's header section as received ({@code HttpHeader.headerBuffer}, which has no getter). */
    private static final Field HEADER_BYTES = headerBytes();

    private static final Pattern CONTENT_LENGTH = Pattern.compile("\\ncontent-length[ \\t]*:");
    private static final Pattern TRANSFER_ENCODING = Pattern.compile("\\ntransfer-encoding[ \\t]*:");

    static final String FRAMED_TWICE = "A request may not have both Content-Length and Transfer-Encoding.";

    @Inject
    ServedRequests served;

    private final List<Installed> installed = new ArrayList<>();

    private record Installed(HttpServerFilter codec, Answering probe) {}

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            for (HttpListener listener : HttpListener.running()) {
                for (HttpListener.Placed<HttpServerFilter> codec : listener.filters(HttpServerFilter.class)) {
                    Answering probe = new Answering(listener.chain(), codec.index(), listener.headerLimit(), served);
                    codec.filter().getMonitoringConfig().addProbes(probe);
                    installed.add(new Installed(codec.filter(), probe));
                }
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warning("Requests the HTTP server refuses while parsing them keep its empty answers: " + e);
            return;
        }
        if (installed.isEmpty()) {
            LOG.warning("No HTTP listener found: requests the HTTP server refuses while parsing them keep its empty answers");
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        installed.forEach(i -> i.codec().getMonitoringConfig().removeProbes(i.probe()));
        installed.clear();
    }

    /** Thrown from a probe while Grizzly parses a request: Grizzly then treats it as a parse error. */
    static final class Refused extends IllegalStateException {
        final transient ApiFailure failure;

        Refused(ApiFailure failure) {
            super(failure.getMessage(), null);
            this.failure = failure;
        }
    }

    /** Why the request's head must be refused, or null. */
    static ApiFailure refusal(HttpRequestPacket request) {
        if (request.isChunked() || request.getHeader("Transfer-Encoding") != null) {
            String head = headerSection(request);
            if (head != null && CONTENT_LENGTH.matcher(head).find() && TRANSFER_ENCODING.matcher(head).find()) {
                return framedTwice();
            }
        }
        String problem = pathProblem(request.getRequestURIRef().getURI(StandardCharsets.ISO_8859_1));
        return problem == null ? null : ApiFailure.of(400, problem);
    }

    private static ApiFailure framedTwice() {
        return ApiFailure.of(400, FRAMED_TWICE);
    }

    /**
     * What is wrong with a request path (as received, one character per byte) that the web
     * container would refuse or misread, or null: the rules of its URI decoding and normalization.
     */
    static String pathProblem(String path) {
        if (path == null || path.equals("*")) {
            return null; // "*" is OPTIONS' target (the service answers it 404); no path is Grizzly's to refuse
        }
        if (!path.startsWith("/")) {
            return "The request path must start with a slash.";
        }
        if (plain(path)) {
            return null; // the common case, without decoding
        }
        byte[] bytes = new byte[path.length()];
        int length = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                int high = i + 2 < path.length() ? Character.digit(path.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(path.charAt(i + 2), 16);
                if (low < 0) {
                    return "The request path has a malformed percent-encoding.";
                }
                bytes[length++] = (byte) (high * 16 + low);
                i += 2;
            } else {
                bytes[length++] = (byte) c;
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return "The request path is not valid UTF-8.";
        }
        if (decoded.indexOf('\u0000') >= 0) {
            return "The request path may not contain null characters.";
        }
        if (decoded.indexOf('\\') >= 0) {
            return "The request path may not contain backslashes.";
        }
        ArrayDeque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.substring(1).split("/", -1)) {
            if (segment.equals("..")) {
                if (segments.pollLast() == null) {
                    return "The request path leads above the root.";
                }
            } else if (!segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        return null;
    }

    /** Whether the path has nothing that decoding or normalizing could find fault with. */
    private static boolean plain(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' || c == '\\' || c == '.' || c == 0 || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The answer to a request Grizzly could not parse, from what it got of it. */
    static ApiFailure failure(HttpRequestPacket request, Throwable error, int headerLimit) {
        if (error instanceof Refused refused) {
            return refused.failure;
        }
        String message = String.valueOf(error.getMessage());
        if (message.contains("too large")) { // "HTTP packet header is too large", "... initial line is too large"
            return ApiFailure.of(431, headerLimit > 0
                    ? "The request line and headers are larger than " + headerLimit + " bytes."
                    : "The request line and headers are too large.");
        }
        if (request.getHeaders().contains("Content-Length") && request.getHeaders().contains("Transfer-Encoding")) {
            return framedTwice();
        }
        int status = request.getResponse().getStatus();
        if (status == 505) {
            return ApiFailure.of(505, "Only HTTP/1.0 and HTTP/1.1 are supported.");
        }
        if ("HTTP/1.1".equals(request.getProtocolString()) && request.getHeader("Host") == null) {
            return ApiFailure.of(400, "An HTTP/1.1 request must have a Host header.");
        }
        return ApiFailure.of(status >= 400 && status < 500 ? status : 400, "The request is not valid HTTP.");
    }

    private static String headerSection(HttpRequestPacket request) {
        if (HEADER_BYTES == null) {
            return null;
        }
        try {
            Buffer head = (Buffer) HEADER_BYTES.get(request);
            return head == null ? null
                    : head.toStringContent(StandardCharsets.ISO_8859_1, 0, head.limit()).toLowerCase(Locale.ROOT);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static Field headerBytes() {
        try {
            Field field = HttpHeader.class.getDeclaredField("headerBuffer");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("Requests framed by Content-Length and then Transfer-Encoding cannot be refused: " + e);
            return null;
        }
    }

    /** The probe on one HTTP codec; {@code index} is the codec's place in {@code chain}. */
    static final class Answering extends HttpProbe.Adapter {
        private final FilterChain chain;
        private final int index;
        private final int headerLimit;
        private final ServedRequests served;

        Answering(FilterChain chain, int index, int headerLimit, ServedRequests served) {
            this.chain = chain;
            this.index = index;
            this.headerLimit = headerLimit;
            this.served = served;
        }

        @Override
        public void onHeaderParseEvent(Connection connection, HttpHeader header, int size) {
            if (header instanceof HttpRequestPacket request) {
                ApiFailure refused = refusal(request);
                if (refused != null) {
                    throw new Refused(refused);
                }
            }
        }

        @Override
        public void onErrorEvent(Connection connection, HttpPacket packet, Throwable error) {
            // only errors in a request's head: later ones (a broken chunk) reach the service's body reader
            if (packet instanceof HttpRequestPacket request && !request.getResponse().isCommitted()
                    && (error instanceof Refused || !((HttpPacketParsing) request).isHeaderParsed())) {
                long start = System.nanoTime();
                ApiFailure failure = failure(request, error, headerLimit);
                try {
                    answer(connection, request, failure);
                } catch (RuntimeException e) {
                    // Grizzly's own (empty) answer then, rather than none: this runs inside its error handling
                    LOG.fine(() -> "A request the HTTP server refused got its own answer: " + e);
                } finally {
                    record(connection, request, failure.status(), System.nanoTime() - start);
                }
            }
        }

        /** Counted and logged; the time is answering's: the parser does not say when the request's first byte came. */
        private void record(Connection connection, HttpRequestPacket request, int status, long nanos) {
            try {
                served.record(client(connection), request.getMethodDC().toString(), ServedRequests.UNPARSED,
                        request.getRequestURIRef().getURI(StandardCharsets.ISO_8859_1), status, nanos);
            } catch (RuntimeException e) {
                // what got parsed of the request line may be unreadable: never fail Grizzly's error handling
                LOG.fine(() -> "A request the HTTP server refused was not counted: " + e);
            }
        }

        private static String client(Connection connection) {
            return connection.getPeerAddress() instanceof InetSocketAddress peer && peer.getAddress() != null
                    ? peer.getAddress().getHostAddress() : String.valueOf(connection.getPeerAddress());
        }

        private void answer(Connection connection, HttpRequestPacket request, ApiFailure failure) {
            Protocol protocol;
            try {
                protocol = request.getProtocol();
            } catch (IllegalStateException unknown) {
                protocol = null;
            }
            if (protocol != Protocol.HTTP_1_0 && protocol != Protocol.HTTP_1_1) {
                // a request line cut off before its version (too long) reads as HTTP/0.9, whose answers have no head
                request.setProtocol(Protocol.HTTP_1_1);
            }
            HttpResponsePacket response = request.getResponse();
            response.setStatus(failure.status());
            if (failure.status() == 431) {
                response.setReasonPhrase("Request Header Fields Too Large"); // not among Grizzly's reason phrases
            }
            response.getProcessingState().setKeepAlive(false);
            ApiHeaders.standard(ApiHeaders.DEFAULT_METHODS).forEach(response::setHeader);
            failure.headers().forEach(response::setHeader);
            byte[] body = failure.body().toString().getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json;charset=UTF-8");
            response.setContentLength(body.length);
            HttpContent content = HttpContent.builder(response)
                    .content(Buffers.wrap(connection.getMemoryManager(), body)).last(true).build();
            // written as the codec writes its own answer: from the codec down to the transport
            FilterChainContext context = chain.obtainFilterChainContext(connection, index + 1, chain.size(), index + 1);
            try {
                context.write(content);
            } finally {
                context.completeAndRecycle();
            }
        }
    }
}
