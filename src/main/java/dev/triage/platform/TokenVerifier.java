package dev.triage.platform;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Checks a bearer token the way MicroProfile JWT specifies (signature by a trusted key, issuer,
 * expiry, optional audience) and a little stricter where Payara's implementation was measured
 * to be lax: {@code nbf} is honoured, the clock skew applies to {@code exp} and {@code nbf}
 * alike, a claim of the wrong type is a bad token, and a subject with control characters is
 * refused. Built on nimbus-jose-jwt, which Payara's own implementation uses too, because
 * Payara's cannot refresh a JWKS on an unknown {@code kid}, accept RS256 and ES256 at once or
 * apply the skew to {@code exp}.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class.getName());

    @Inject
    JwtTrust trust;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    Optional<String> audiences;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.algorithm", defaultValue = "RS256,ES256")
    String algorithms;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "30")
    int clockSkewSeconds;

    private volatile DefaultJWTProcessor<SecurityContext> processor;

    private final RecentTokens recent = new RecentTokens();

    /** The verified token, or empty for anything that is not a valid token of the trusted issuer. */
    public Optional<JsonWebToken> verify(String token) {
        if (!trust.configured() || trust.keys() == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        VerifiedToken known = recent.get(token, now);
        if (known != null) {
            return Optional.of(known);
        }
        // read before verifying: a key set fetched meanwhile must not lengthen the entry's life
        Instant keysUnchangedUntil = trust.keysUnchangedUntil();
        try {
            JWTClaimsSet claims = processWaitingOutTheRateLimit(token);
            if (hasControlCharacters(claims.getSubject())) {
                LOG.fine("Token refused: its subject holds control characters");
                return Optional.empty();
            }
            VerifiedToken verified = new VerifiedToken(token, claims);
            if (claims.getExpirationTime() != null) {
                Instant expires = claims.getExpirationTime().toInstant().plusSeconds(clockSkewSeconds);
                recent.put(token, verified, expires.isBefore(keysUnchangedUntil) ? expires : keysUnchangedUntil, now);
            }
            return Optional.of(verified);
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            LOG.log(Level.FINE, "Token refused", e);
            return Optional.empty();
        }
    }

    /**
     * A token whose {@code kid} is not cached makes the key source fetch the key set again, at most
     * once per {@link JwtTrust#MIN_REFETCH_MILLIS}; one that arrives just after another fetch waits
     * for the next one instead of being refused (the first token of a freshly rotated key).
     */
    private JWTClaimsSet processWaitingOutTheRateLimit(String token)
            throws ParseException, BadJOSEException, JOSEException {
        try {
            return processor().process(token, null);
        } catch (JOSEException e) {
            if (!(e instanceof RateLimitReachedException) && !(e.getCause() instanceof RateLimitReachedException)) {
                throw e;
            }
            try {
                Thread.sleep(JwtTrust.MIN_REFETCH_MILLIS + 10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw e;
            }
            return processor().process(token, null);
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor() {
        DefaultJWTProcessor<SecurityContext> current = processor;
        if (current == null) {
            current = new DefaultJWTProcessor<>();
            current.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms(), trust.keys()));
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                    acceptedAudiences(),
                    new JWTClaimsSet.Builder().issuer(trust.issuer()).build(),
                    Set.of(JWTClaimNames.SUBJECT, JWTClaimNames.EXPIRATION_TIME, JWTClaimNames.ISSUER),
                    null);
            claims.setMaxClockSkew(clockSkewSeconds);
            current.setJWTClaimsSetVerifier(claims);
            processor = current;
        }
        return current;
    }

    Set<JWSAlgorithm> algorithms() {
        return Arrays.stream(algorithms.split(",")).map(String::strip).filter(a -> !a.isEmpty())
                .map(JWSAlgorithm::parse).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Null (any audience) unless some are configured. */
    Set<String> acceptedAudiences() {
        Set<String> accepted = audiences.stream().flatMap(a -> Arrays.stream(a.split(",")))
                .map(String::strip).filter(a -> !a.isEmpty()).collect(Collectors.toSet());
        return accepted.isEmpty() ? null : accepted;
    }

    static boolean hasControlCharacters(String text) {
        return text == null || text.isEmpty() || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
