package dev.triage.organization.boundary;

import dev.triage.organization.control.Bootstrap;
import dev.triage.organization.entity.Refusal;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At start, after the schema migration: {@code BOOTSTRAP_ORGANIZATION} with
 * {@code BOOTSTRAP_OWNER_SUBJECT} create the first organization and its owner on an empty database
 * ({@link Bootstrap}); the log says what happened.
 */
@ApplicationScoped
public class BootstrapOnStart {

    private static final Logger LOG = Logger.getLogger(BootstrapOnStart.class.getName());

    @Inject
    Bootstrap bootstrap;

    @Inject
    @ConfigProperty(name = "bootstrap.organization")
    Optional<String> organization;

    @Inject
    @ConfigProperty(name = "bootstrap.owner.subject")
    Optional<String> owner;

    // after DatabaseSchema's migration, which observes the same event at the default priority
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) @Initialized(ApplicationScoped.class)
                 Object ignored) {
        boolean hasOrganization = organization.filter(s -> !s.isBlank()).isPresent();
        boolean hasOwner = owner.filter(s -> !s.isBlank()).isPresent();
        if (!hasOrganization && !hasOwner) {
            return;
        }
        if (hasOrganization != hasOwner) {
            LOG.severe("Bootstrap needs both BOOTSTRAP_ORGANIZATION and BOOTSTRAP_OWNER_SUBJECT; nothing was created.");
            return;
        }
        try {
            Bootstrap.Outcome outcome = bootstrap.apply(organization.get(), owner.get().trim());
            LOG.info(() -> outcome == Bootstrap.Outcome.CREATED
                    ? "Bootstrap: created organization " + organization.get().trim() + " owned by subject "
                            + owner.get().trim()
                    : "Bootstrap: the database already has organizations; nothing changed.");
        } catch (Refusal invalid) {
            LOG.severe("Bootstrap: BOOTSTRAP_ORGANIZATION \"" + organization.get() + "\" is not a valid slug: "
                    + invalid.body() + "; nothing was created.");
        }
    }
}
