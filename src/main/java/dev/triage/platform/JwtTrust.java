package dev.triage.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service ships with no key it trusts. Unless both a verification key and an issuer are
 * configured, every token is rejected, and the log says so at start.
 */
@ApplicationScoped
public class JwtTrust {

    private static final Logger LOG = Logger.getLogger(JwtTrust.class.getName());

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> keyLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> key;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    /** The default issuer of microprofile-config.properties, which stands for "none configured". */
    static final String UNCONFIGURED_ISSUER = "urn:issue-triage:issuer-not-configured";

    public boolean configured() {
        return isSet(issuer) && !UNCONFIGURED_ISSUER.equals(issuer.get()) && (isSet(keyLocation) || isSet(key));
    }

    void reportAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (configured()) {
            LOG.info(() -> "Trusting bearer tokens of issuer " + issuer.get() + " signed by the key at "
                    + keyLocation.orElse("(inline key)"));
        } else {
            LOG.severe("No JWT verification key and issuer are configured: every bearer token will be rejected"
                    + " with 401. Set MP_JWT_VERIFY_PUBLICKEY_LOCATION (a PEM or JWKS file or URL) and"
                    + " MP_JWT_VERIFY_ISSUER.");
        }
    }

    private static boolean isSet(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }
}
