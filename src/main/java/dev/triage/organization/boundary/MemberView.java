package dev.triage.organization.boundary;

import dev.triage.identity.boundary.UserDetailsView;
import dev.triage.identity.boundary.UserView;
import dev.triage.organization.control.MemberListing;
import dev.triage.organization.entity.OrganizationMember;
import dev.triage.organization.entity.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A member as Sentry's {@code OrganizationMemberSerializer} writes one, with its teams. Members are
 * added directly (there are no e-mail invitations here), so none is ever pending or expired.
 */
public class MemberView {

    public record TeamRoleView(String teamSlug, String role) {}

    static final Map<String, Boolean> FLAGS = Map.of("idp:provisioned", false, "idp:role-restricted", false,
            "sso:linked", false, "sso:invalid", false, "member-limit:restricted", false,
            "partnership:restricted", false);

    public final String id;
    public final String email;
    public final String name;
    public final UserDetailsView user;
    public final String orgRole;
    public final String role;
    public final String roleName;
    public final boolean pending = false;
    public final boolean expired = false;
    public final Map<String, Boolean> flags = FLAGS;
    public final Instant dateCreated;
    public final String inviteStatus = "approved";
    public final String inviterName = null;
    public final List<String> teams;
    public final List<TeamRoleView> teamRoles;

    MemberView(MemberListing listing) {
        OrganizationMember member = listing.member();
        Role role = member.role();
        this.id = member.memberId().toString();
        this.email = listing.user().email();
        this.name = UserView.displayName(listing.user());
        this.user = UserDetailsView.from(listing.user());
        this.orgRole = role.id();
        this.role = role.id();
        this.roleName = role.title();
        this.dateCreated = member.dateCreated();
        this.teams = listing.teams();
        this.teamRoles = listing.teams().stream().map(t -> new TeamRoleView(t, null)).toList();
    }

    public static MemberView from(MemberListing listing) {
        return new MemberView(listing);
    }
}
