package dev.triage.issue.boundary;

import dev.triage.identity.boundary.UserDetailsView;
import dev.triage.identity.entity.User;
import java.time.Instant;

/**
 * The people around an issue as the details GET shows them: Sentry's full user object
 * ({@code users/api/serializers/user.py}) with what each list adds to it
 * ({@code issues/endpoints/group_details.py}).
 */
final class PersonViews {

    private PersonViews() {}

    /** A user who has seen the issue, and when they last did. */
    public static class SeenBy extends UserDetailsView {

        public final Instant lastSeen;

        SeenBy(User user, Instant lastSeen) {
            super(user);
            this.lastSeen = lastSeen;
        }
    }

    /** A user subscribed to the issue; Sentry marks them {@code "type": "user"}. */
    public static class Participant extends UserDetailsView {

        public final String type = "user";

        Participant(User user) {
            super(user);
        }
    }
}
