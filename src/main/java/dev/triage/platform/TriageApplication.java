package dev.triage.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application at Sentry's API root. Bearer tokens are JWTs checked by
 * {@link TokenVerifier} (MicroProfile JWT's configuration and {@code JsonWebToken}, our own
 * verification: see there why), so no server login mechanism is declared.
 */
@ApplicationScoped
@ApplicationPath("/api/0")
public class TriageApplication extends Application {}
