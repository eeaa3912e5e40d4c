package dev.triage.platform;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer token of the current request, checked by {@link TokenVerifier} and offered to the
 * features as MicroProfile JWT's {@link JsonWebToken} (inject it as usual). A request without a
 * token that verifies gets an empty one: no raw token, no subject, no claims, as MicroProfile
 * JWT does for an unauthenticated request.
 */
@RequestScoped
public class BearerToken {

    /** RFC 9110 §11.1: the scheme is case-insensitive; RFC 6750 §2.1: one token68 after it. */
    private static final Pattern BEARER = Pattern.compile("(?i)bearer +([A-Za-z0-9\\-._~+/]+=*) *");

    @Inject
    HttpServletRequest request;

    @Inject
    TokenVerifier verifier;

    private Optional<JsonWebToken> verified;

    /** The verified token of this request, if it carries one that verifies. */
    public Optional<JsonWebToken> verified() {
        if (verified == null) {
            verified = parse(request.getHeader("Authorization")).flatMap(verifier::verify);
        }
        return verified;
    }

    @Produces
    @RequestScoped
    JsonWebToken jsonWebToken() {
        return verified().orElse(VerifiedToken.NONE);
    }

    /** The token of an {@code Authorization} header using the bearer scheme, in any letter case. */
    public static Optional<String> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher matcher = BEARER.matcher(authorization.strip());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
