package dev.triage.dev;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A throw-away RSA key pair for development and tests: the service is told to trust its public
 * half (a PEM file), and tokens are signed with the private half, which never leaves memory.
 */
public final class DevKeys {

    public static final String DEV_ISSUER = "https://issue-triage.dev.invalid";

    private final KeyPair pair;
    private final String issuer;
    private final String keyId;
    private final String audience;

    private DevKeys(KeyPair pair, String issuer, String keyId, String audience) {
        this.pair = pair;
        this.issuer = issuer;
        this.keyId = keyId;
        this.audience = audience;
    }

    /** The same key pair, its tokens naming {@code kid} (the one an identity provider publishes it under). */
    public DevKeys withKeyId(String kid) {
        return new DevKeys(pair, issuer, kid, audience);
    }

    /** The same key pair, its tokens carrying {@code aud}. */
    public DevKeys withAudience(String aud) {
        return new DevKeys(pair, issuer, keyId, aud);
    }

    /** The private half as PKCS#8 PEM, for handing it to an identity provider in tests. */
    public String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** The RSA modulus, base64url as in a JWK's {@code n}. */
    public String modulus() {
        return com.nimbusds.jose.util.Base64URL.encode(
                ((java.security.interfaces.RSAPublicKey) pair.getPublic()).getModulus()).toString();
    }

    public static DevKeys generate(String issuer) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new DevKeys(generator.generateKeyPair(), issuer, "dev", null);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** Writes the public key as PEM and answers the file. */
    public Path writePublicKey(Path file) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pem);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token for {@code subject} whose {@code groups} claim holds {@code scopes}. */
    public String token(String subject, List<String> scopes, Duration lifetime) {
        return sign(claims(subject, lifetime).claim("groups", scopes).build());
    }

    /** A token that carries its scopes the OAuth2 way, in a space-separated {@code scope} claim. */
    public String oauthToken(String subject, String scope, Duration lifetime) {
        return sign(claims(subject, lifetime).claim("scope", scope).build());
    }

    public JWTClaimsSet.Builder claims(String subject, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        if (audience != null) {
            builder.audience(audience);
        }
        return builder
                .issuer(issuer)
                .subject(subject)
                .claim("upn", subject)
                .claim("preferred_username", subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(lifetime)));
    }

    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
            jwt.sign(new RSASSASigner(pair.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
