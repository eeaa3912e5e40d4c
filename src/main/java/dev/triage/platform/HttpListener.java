package dev.triage.platform;

import com.sun.enterprise.v3.services.impl.GrizzlyProxy;
import com.sun.enterprise.v3.services.impl.GrizzlyService;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.grizzly.Transport;
import org.glassfish.grizzly.config.GenericGrizzlyListener;
import org.glassfish.grizzly.config.dom.NetworkListener;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.hk2.api.ServiceLocator;
import org.glassfish.internal.api.Globals;

/**
 * One of Payara's HTTP listeners as Grizzly runs it: for the parts of the service that work below the
 * web container ({@link HttpParserErrors}, {@link ShutdownDrain}). Found through Payara's service
 * registry (HK2), which holds the network listeners of the configuration and the Grizzly service
 * that started them.
 *
 * @param name the listener's name in the configuration ({@code http-listener})
 * @param transport its TCP transport (accepts the connections)
 * @param chain the filters every connection's bytes pass, transport first
 * @param headerLimit its limit on a request line plus headers ({@code header-buffer-length-bytes}), -1 if unknown
 */
record HttpListener(String name, Transport transport, FilterChain chain, int headerLimit) {

    /** Every HTTP listener that runs; throws when Payara's registry is not at hand (not inside Payara). */
    static List<HttpListener> running() {
        ServiceLocator locator = Globals.getDefaultHabitat();
        GrizzlyService grizzly = locator.getService(GrizzlyService.class);
        List<HttpListener> found = new ArrayList<>();
        for (NetworkListener listener : locator.getAllServices(NetworkListener.class)) {
            if (grizzly.lookupNetworkProxy(listener) instanceof GrizzlyProxy proxy
                    && proxy.getUnderlyingListener() instanceof GenericGrizzlyListener grizzlyListener
                    && grizzlyListener.getTransport().getProcessor() instanceof FilterChain chain) {
                found.add(new HttpListener(listener.getName(), grizzlyListener.getTransport(), chain, headerLimit(listener)));
            }
        }
        return found;
    }

    /** The filters of the chain of {@code type}, each with its place in the chain. */
    <F> List<Placed<F>> filters(Class<F> type) {
        List<Placed<F>> placed = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            if (type.isInstance(chain.get(i))) {
                placed.add(new Placed<>(type.cast(chain.get(i)), i));
            }
        }
        return placed;
    }

    record Placed<F>(F filter, int index) {}

    private static int headerLimit(NetworkListener listener) {
        try {
            return Integer.parseInt(listener.findHttpProtocol().getHttp().getHeaderBufferLengthBytes());
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
