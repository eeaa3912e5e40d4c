package dev.triage.identity.boundary;

import dev.triage.identity.control.Caller;
import dev.triage.platform.ApiFailure;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the verified JWT of this request into a {@link Caller}: scopes from the {@code groups}
 * claim (MicroProfile JWT's roles) and from an OAuth2 {@code scope} claim, the subject from {@code sub}.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    JsonWebToken jwt;

    private Caller caller;

    /** Whether this request carries a token MicroProfile JWT has verified. */
    public boolean authenticated() {
        return jwt != null && jwt.getRawToken() != null && jwt.getSubject() != null;
    }

    /** The caller of this request; 401 when it carries no verified token. */
    public Caller caller() {
        if (caller == null) {
            if (!authenticated()) {
                throw ApiFailure.notAuthenticated();
            }
            caller = new Caller(jwt.getSubject(), scopes());
        }
        return caller;
    }

    /**
     * The caller, for endpoints that check their scopes themselves (project scopes, Sentry's
     * {@code project:releases}) rather than by {@code @RequiresScope}: the token is checked the way
     * {@code BearerAuthentication} does, none is 401 "not provided", an unverified one 401 "Invalid token".
     *
     * @param authorization the request's {@code Authorization} header
     */
    public Caller verified(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiFailure.notAuthenticated();
        }
        try {
            return caller();
        } catch (ApiFailure unverified) {
            throw ApiFailure.invalidToken();
        }
    }

    Set<String> scopes() {
        Set<String> scopes = new HashSet<>();
        Set<String> groups = jwt.getGroups();
        if (groups != null) {
            scopes.addAll(groups);
        }
        Object scope = jwt.getClaim("scope");
        String text = scope instanceof JsonString s ? s.getString() : scope == null ? null : scope.toString();
        if (text != null && !text.isBlank()) {
            scopes.addAll(Arrays.asList(text.trim().split("\\s+")));
        }
        return scopes;
    }
}
