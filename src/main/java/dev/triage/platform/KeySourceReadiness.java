package dev.triage.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while bearer tokens can be checked: a key source is configured and its keys are at
 * hand (cached, or fetched now from the identity provider).
 */
@Readiness
@ApplicationScoped
public class KeySourceReadiness implements HealthCheck {

    @Inject
    JwtTrust trust;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("jwt-keys").withData("source", trust.description());
        Optional<String> problem = trust.problem();
        return problem.isEmpty() ? response.up().build() : response.withData("reason", problem.get()).down().build();
    }
}
