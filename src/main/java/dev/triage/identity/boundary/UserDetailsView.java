package dev.triage.identity.boundary;

import dev.triage.identity.entity.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user as Sentry's {@code UserSerializer} writes one on its own (API index, {@code /auth/},
 * organization members), with the values this service truly has: sign-in is the identity
 * provider's, so there is no password, 2FA, avatar upload or superuser here.
 */
public class UserDetailsView {

    /** An address of the user; the identity provider vouches for it, this service does not verify it. */
    public record EmailView(String id, String email, boolean is_verified) {}

    public record AvatarView(String avatarType, String avatarUuid, String avatarUrl) {}

    public final String id;
    public final String name;
    public final String username;
    public final String email;
    public final String avatarUrl = null;
    public final boolean isActive = true;
    public final boolean hasPasswordAuth = false;
    public final boolean isManaged = true;
    public final Instant dateJoined;
    public final Instant lastLogin = null;
    public final boolean has2fa = false;
    public final Instant lastActive = null;
    public final boolean isSuperuser = false;
    public final boolean isStaff = false;
    public final Map<String, Object> experiments = Map.of();
    public final List<EmailView> emails;
    public final AvatarView avatar = new AvatarView("letter_avatar", null, null);

    protected UserDetailsView(User user) {
        this.id = user.id().toString();
        this.name = UserView.displayName(user);
        this.username = user.username();
        this.email = user.email();
        this.dateJoined = user.dateJoined();
        this.emails = user.email() == null || user.email().isBlank()
                ? List.of() : List.of(new EmailView(user.id().toString(), user.email(), false));
    }

    public static UserDetailsView from(User user) {
        return user == null ? null : new UserDetailsView(user);
    }

    /** The signed-in user about themselves (Sentry's {@code DetailedSelfUserSerializer}). */
    public static class Self extends UserDetailsView {

        public final List<Object> identities = List.of();
        public final List<Object> authenticators = List.of();
        public final boolean canReset2fa = false;
        public final List<String> permissions = List.of();

        Self(User user) {
            super(user);
        }

        public static Self of(User user) {
            return new Self(user);
        }
    }
}
