package dev.triage.platform;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.logging.Logger;
import org.apache.catalina.Contained;
import org.apache.catalina.Container;
import org.apache.catalina.Host;
import org.apache.catalina.Request;
import org.apache.catalina.Response;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.web.valve.GlassFishValve;

/**
 * Refuses, in Sentry's format, requests that Payara's web container would otherwise fail before
 * any filter or servlet of the service runs. {@code WEB-INF/glassfish-web.xml} registers it with
 * this web module, whose pipeline runs it only after the authenticator (too late: the failures
 * below happen in the authenticator, and a request it refuses never reaches a later valve); so
 * when the module hands it its container, it moves itself to the virtual server's pipeline, which
 * runs before the module's.
 * <p>
 * A {@code :} in the path, also encoded ({@code %3A}): for every request the container asks Jakarta
 * Authorization whether the path may be called, and Exousia builds a {@code WebResourcePermission}
 * from the decoded path, where
 * {@code :} separates URL patterns; the permission's constructor throws and the container answers
 * 500 with an empty body. No route of the API has a {@code :}, so such a path does not exist: 404.
 * <p>
 * {@code Content-Length} and {@code Transfer-Encoding: chunked} together: a proxy in front may
 * frame the body by the one while the server frames it by the other, which lets a client smuggle
 * a request into someone else's connection (RFC 9112 §6.3: reject, then close). Grizzly reads
 * such a body as chunked and removes the {@code Content-Length} header before the servlet layer
 * could see it (and forgets that it counted one once the headers are parsed). What it keeps is
 * the header section as received, for the lifetime of the request: the valve looks there for a
 * {@code Content-Length} line when the body is chunked, answers 400 and ends the connection, so
 * nothing the client sent after the headers is read as a request. (Grizzly itself refuses the
 * other order, {@code Transfer-Encoding} first, with an empty 400.)
 */
public class RequestGuardValve implements GlassFishValve, Contained {

    private static final Logger LOG = Logger.getLogger(RequestGuardValve.class.getName());

    /** The request's header section as received ({@code HttpHeader.headerBuffer}, which has no getter). */
    private static final Field HEADER_BYTES = headerBytes();

    private Container container;

    @Override
    public Container getContainer() {
        return container;
    }

    @Override
    public void setContainer(Container container) {
        this.container = container;
        if (!(container instanceof Host) && container != null && container.getParent() instanceof Host host) {
            host.getPipeline().addValve(this); // calls setContainer(host)
        }
    }

    @Override
    public String getInfo() {
        return RequestGuardValve.class.getName();
    }

    @Override
    public int invoke(Request request, Response response) throws IOException, ServletException {
        if (!(container instanceof Host)) {
            return INVOKE_NEXT; // the module's pipeline: the virtual server's already checked the request
        }
        if (request.getRequest() instanceof HttpServletRequest http
                && response.getResponse() instanceof HttpServletResponse answer) {
            if (framedTwice(request)) {
                // Connection: close makes Grizzly end the connection after this answer, so nothing
                // the client sent after the headers (a smuggled request) is read as a request.
                grizzlyRequest(request).getProcessingState().setKeepAlive(false);
                ApiFailure.of(400, "A request may not have both Content-Length and Transfer-Encoding.")
                        .withHeader("Connection", "close").write(answer, ApiHeaders.DEFAULT_METHODS);
                answer.flushBuffer();
                return END_PIPELINE;
            }
            String uri = http.getRequestURI();
            if (uri != null && (uri.indexOf(':') >= 0 || uri.toLowerCase(Locale.ROOT).contains("%3a"))) {
                ApiFailure.notFound().write(answer, ApiHeaders.DEFAULT_METHODS);
                answer.flushBuffer();
                return END_PIPELINE;
            }
        }
        return INVOKE_NEXT;
    }

    private static boolean framedTwice(Request request) {
        HttpRequestPacket packet = grizzlyRequest(request);
        if (packet == null || !packet.isChunked() || HEADER_BYTES == null) {
            return false;
        }
        try {
            Buffer head = (Buffer) HEADER_BYTES.get(packet);
            return head != null && head.toStringContent(StandardCharsets.ISO_8859_1, 0, head.limit())
                    .toLowerCase(Locale.ROOT).contains("\ncontent-length:");
        } catch (IllegalAccessException e) {
            return false;
        }
    }

    private static HttpRequestPacket grizzlyRequest(Request request) {
        return request instanceof org.apache.catalina.connector.Request catalina && catalina.getCoyoteRequest() != null
                ? catalina.getCoyoteRequest().getRequest() : null;
    }

    private static Field headerBytes() {
        try {
            Field field = HttpHeader.class.getDeclaredField("headerBuffer");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("Requests framed by both Content-Length and Transfer-Encoding cannot be refused: " + e);
            return null;
        }
    }

    @Override
    public void postInvoke(Request request, Response response) {
        // nothing to do after the request
    }
}
