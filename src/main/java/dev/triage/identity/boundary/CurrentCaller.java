package dev.triage.identity.boundary;

import dev.triage.identity.control.Caller;
import dev.triage.platform.ApiFailure;
import dev.triage.platform.BearerToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the verified JWT of this request into a {@link Caller}: scopes from the {@code groups}
 * claim (MicroProfile JWT's roles) and from an OAuth2 {@code scope} claim, the subject from {@code sub}.
 * One instance serves every request; the caller is worked out once per request and kept with the
 * request (an attribute), which costs less than a request-scoped bean built for each request.
 */
@ApplicationScoped
public class CurrentCaller {

    private static final String CALLER = CurrentCaller.class.getName() + ".caller";

    /** Kept for a request without a verified token, so that it is not checked again. */
    private static final Caller NONE = new Caller(null, Set.of());

    @Inject
    BearerToken token;

    @Inject
    HttpServletRequest request;

    /** The verified token of this request, if it carries one whose subject is known. */
    public Optional<JsonWebToken> token() {
        return token.verified().filter(jwt -> jwt.getRawToken() != null && jwt.getSubject() != null);
    }

    /** Whether this request carries a token that verified. */
    public boolean authenticated() {
        return known() != NONE;
    }

    /** The caller of this request; 401 when it carries no verified token. */
    public Caller caller() {
        Caller caller = known();
        if (caller == NONE) {
            throw ApiFailure.notAuthenticated();
        }
        return caller;
    }

    /** This request's caller, worked out at its first use; {@link #NONE} without a verified token. */
    private Caller known() {
        Caller caller = (Caller) request.getAttribute(CALLER);
        if (caller == null) {
            caller = token().map(jwt -> new Caller(jwt.getSubject(), scopes(jwt))).orElse(NONE);
            request.setAttribute(CALLER, caller);
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

    static Set<String> scopes(JsonWebToken jwt) {
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
