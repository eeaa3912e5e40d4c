package dev.triage.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The JAX-RS application at Sentry's API root. Bearer tokens are JWTs checked by MicroProfile JWT;
 * the class is a CDI bean so that {@code JsonWebToken} can be injected (Payara needs that).
 */
@ApplicationScoped
@ApplicationPath("/api/0")
@LoginConfig(authMethod = "MP-JWT", realmName = "issue-triage")
public class TriageApplication extends Application {}
