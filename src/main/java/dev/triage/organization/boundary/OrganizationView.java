package dev.triage.organization.boundary;

import dev.triage.organization.entity.Organization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An organization as Sentry's {@code OrganizationSerializer} writes it (the organization list, and
 * inside projects and teams). Settings this service does not have (SSO, 2FA, early adoption) are
 * written as their "off" values.
 */
public class OrganizationView {

    /** Sentry's organization status object. */
    public record StatusView(String id, String name) {}

    /** Sentry's avatar object; this service has only letter avatars. */
    public record AvatarView(String avatarType, String avatarUuid, String avatarUrl) {
        static final AvatarView LETTER = new AvatarView("letter_avatar", null, null);
    }

    /**
     * {@code organizationUrl} is the web front end ({@code BASE_URL}); {@code regionUrl} is where
     * this API answers, which newer Sentry clients use as the base of the organization's calls.
     */
    public record LinksView(String organizationUrl, String regionUrl) {}

    public final String id;
    public final String slug;
    public final StatusView status;
    public final String name;
    public final Instant dateCreated;
    public final boolean isEarlyAdopter = false;
    public final boolean require2FA = false;
    public final AvatarView avatar = AvatarView.LETTER;
    public final LinksView links;
    public final boolean hasAuthProvider = false;
    public final boolean allowMemberInvite = false;
    public final boolean allowMemberProjectCreation = false;
    public final boolean allowSuperuserAccess = false;
    public final List<String> features;
    public final Map<String, Object> extraOptions = Map.of();

    OrganizationView(Organization organization, Urls urls) {
        this.id = organization.id().toString();
        this.slug = organization.slug();
        this.status = new StatusView(organization.active() ? "active" : "pending_deletion",
                organization.active() ? "active" : "pending deletion");
        this.name = organization.name();
        this.dateCreated = organization.dateCreated();
        this.links = new LinksView(urls.frontEnd(), urls.api());
        List<String> features = new ArrayList<>();
        if (organization.openMembership()) {
            features.add("open-membership");
        }
        features.add("shared-issues");
        this.features = List.copyOf(features);
    }

    public static OrganizationView from(Organization organization, Urls urls) {
        return new OrganizationView(organization, urls);
    }
}
