package dev.triage.platform;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.apache.catalina.Contained;
import org.apache.catalina.Container;
import org.apache.catalina.Host;
import org.apache.catalina.Request;
import org.apache.catalina.Response;
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
 * Requests that Grizzly refuses while parsing them, before the web container, are answered by
 * {@link HttpParserErrors}.
 */
public class RequestGuardValve implements GlassFishValve, Contained {

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
            String uri = http.getRequestURI();
            if (uri != null && (uri.indexOf(':') >= 0 || uri.toLowerCase(Locale.ROOT).contains("%3a"))) {
                ApiFailure.notFound().write(answer, ApiHeaders.DEFAULT_METHODS);
                answer.flushBuffer();
                return END_PIPELINE;
            }
        }
        return INVOKE_NEXT;
    }

    @Override
    public void postInvoke(Request request, Response response) {
        // nothing to do after the request
    }
}
