package dev.triage.clientkey.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public URL SDKs reach this service at, the host part of every DSN: {@code INGEST_URL}, or
 * {@code BASE_URL} when the API and the web front end share one address.
 */
@ApplicationScoped
public class IngestUrl {

    @Inject
    @ConfigProperty(name = "ingest.url")
    Optional<String> ingestUrl;

    @Inject
    @ConfigProperty(name = "base.url")
    String baseUrl;

    public String value() {
        return ingestUrl.filter(u -> !u.isBlank()).orElse(baseUrl);
    }
}
