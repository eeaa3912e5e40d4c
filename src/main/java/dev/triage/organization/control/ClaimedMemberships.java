package dev.triage.organization.control;

import dev.triage.identity.control.SignedIn;
import dev.triage.organization.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Membership from the identity provider, only when {@code MEMBERSHIP_CLAIM} names a claim: each
 * entry ({@code "acme"} or {@code "acme:admin"}, or an object {@code {"acme": "admin"}}) makes the
 * user a member of that organization with that role (default {@code member}), or sets their role
 * to it. Organizations that do not exist are ignored; memberships the claim does not list are left
 * as they are; the only owner of an organization is never demoted this way.
 */
@ApplicationScoped
public class ClaimedMemberships {

    private static final Logger LOG = Logger.getLogger(ClaimedMemberships.class.getName());

    @Inject
    MembershipGrants grants;

    @Inject
    @ConfigProperty(name = "membership.claim")
    Optional<String> claim;

    void apply(@Observes SignedIn signedIn) {
        if (claim.isEmpty() || claim.get().isBlank()) {
            return;
        }
        Map<String, Role> wanted = parse(signedIn.claims().apply(claim.get().trim()));
        if (wanted.isEmpty()) {
            return;
        }
        grants.grant(signedIn.user().id(), wanted);
    }

    /** The claim's organizations and roles; unknown roles are logged and skipped. */
    static Map<String, Role> parse(Object value) {
        Map<String, Role> wanted = new LinkedHashMap<>();
        if (value instanceof JsonObject object) {
            object.forEach((slug, role) -> add(wanted, slug, role instanceof JsonString s ? s.getString() : null));
        } else if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonString s) {
                    add(wanted, s.getString());
                }
            }
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> add(wanted, String.valueOf(item)));
        } else if (value instanceof JsonString s) {
            for (String item : s.getString().split("[\\s,]+")) {
                add(wanted, item);
            }
        } else if (value instanceof String s) {
            for (String item : s.split("[\\s,]+")) {
                add(wanted, item);
            }
        }
        return wanted;
    }

    private static void add(Map<String, Role> wanted, String entry) {
        int colon = entry.indexOf(':');
        add(wanted, colon < 0 ? entry : entry.substring(0, colon), colon < 0 ? null : entry.substring(colon + 1));
    }

    private static void add(Map<String, Role> wanted, String slug, String role) {
        if (slug == null || slug.isBlank()) {
            return;
        }
        Optional<Role> parsed = role == null || role.isBlank() ? Optional.of(Role.MEMBER) : Role.of(role.trim());
        if (parsed.isEmpty()) {
            LOG.warning(() -> "Membership claim: unknown role \"" + role + "\" for " + slug + " ignored");
            return;
        }
        wanted.put(slug.trim(), parsed.get());
    }
}
