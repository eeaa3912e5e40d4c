package dev.triage.identity.boundary;

import dev.triage.identity.control.Caller;
import dev.triage.identity.control.UserLookup;
import dev.triage.identity.entity.User;
import dev.triage.platform.ApiFailure;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Who is calling: Sentry's API index {@code /api/0/} (what {@code sentry-cli info} and
 * {@code sentry-cli login} check a token with: the user and the token's scopes; anonymous callers
 * get nulls) and {@code /api/0/auth/} (the signed-in user; 401 without a valid token).
 */
@RequestScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class IndexResource {

    /** The index answer: {@code auth} holds the token's scopes. */
    public record IndexView(String version, AuthView auth, UserDetailsView user) {}

    public record AuthView(List<String> scopes) {}

    @Inject
    CurrentCaller current;

    @Inject
    UserLookup users;

    /** The API index: anonymous callers get {@code auth} and {@code user} null; a bad token is a 401. */
    @GET
    @Path("{slash: /?}")
    public IndexView index(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new IndexView("0", null, null);
        }
        Caller caller = verified();
        User user = users.of(caller).orElse(null);
        return new IndexView("0", new AuthView(caller.scopes().stream().sorted().toList()), UserDetailsView.from(user));
    }

    /** The signed-in user about themselves. */
    @GET
    @Path("auth{slash: /?}")
    public UserDetailsView.Self me(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiFailure.notAuthenticated();
        }
        User user = users.of(verified()).orElseThrow(ApiFailure::notAuthenticated);
        return UserDetailsView.Self.of(user);
    }

    private Caller verified() {
        if (!current.authenticated()) {
            throw ApiFailure.invalidToken();
        }
        return current.caller();
    }
}
