package dev.triage.platform;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verification keys given as a file or inline: PEM ({@code PUBLIC KEY} or {@code CERTIFICATE}
 * blocks, RSA or EC) or JSON (a JWKS or a single JWK). Read once; an unusable one is an error
 * with a message that says what is wrong, never an empty key set.
 */
final class LocalKeys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private LocalKeys() {}

    /** {@code location}: a {@code file:} URL or a plain path. */
    static JWKSource<SecurityContext> read(String location) {
        Path file;
        try {
            file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        } catch (IllegalArgumentException e) {
            throw new JwtTrust.KeySourceUnusable("MP_JWT_VERIFY_PUBLICKEY_LOCATION is neither an http(s) URL, a file:"
                    + " URL nor a path: " + location);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new JwtTrust.KeySourceUnusable("Cannot read the JWT verification key at " + file.toAbsolutePath()
                    + " (MP_JWT_VERIFY_PUBLICKEY_LOCATION): " + JwtTrust.rootMessage(e));
        }
        return parse(text, file.toAbsolutePath().toString());
    }

    static JWKSource<SecurityContext> parse(String text, String where) {
        List<JWK> keys = new ArrayList<>();
        try {
            String trimmed = text.strip();
            if (trimmed.startsWith("{")) {
                keys.addAll(trimmed.contains("\"keys\"") ? JWKSet.parse(trimmed).getKeys() : List.of(JWK.parse(trimmed)));
            } else {
                Matcher block = PEM.matcher(trimmed);
                while (block.find()) {
                    byte[] der = Base64.getMimeDecoder().decode(block.group(2));
                    keys.add(toJwk(block.group(1).equals("CERTIFICATE") ? certificateKey(der) : publicKey(der)));
                }
            }
        } catch (java.text.ParseException | GeneralSecurityException | RuntimeException e) {
            throw new JwtTrust.KeySourceUnusable("The JWT verification key at " + where
                    + " is not a usable PEM public key, certificate or JWKS: " + JwtTrust.rootMessage(e));
        }
        keys.replaceAll(JWK::toPublicJWK);
        if (keys.isEmpty()) {
            throw new JwtTrust.KeySourceUnusable("The JWT verification key at " + where
                    + " holds no public key (expected a PEM PUBLIC KEY or CERTIFICATE block, or a JWKS)");
        }
        return withoutKidMatching(new JWKSet(keys));
    }

    /**
     * A PEM key has no {@code kid}: it verifies tokens whatever {@code kid} they name (as
     * MicroProfile JWT does for a PEM key); keys of a JWKS that have one are selected by it.
     */
    static JWKSource<SecurityContext> withoutKidMatching(JWKSet set) {
        JWKSet unnamed = new JWKSet(set.getKeys().stream().filter(k -> k.getKeyID() == null).toList());
        ImmutableJWKSet<SecurityContext> all = new ImmutableJWKSet<>(set);
        return (selector, context) -> {
            List<JWK> found = all.get(selector, context);
            if (!found.isEmpty() || unnamed.isEmpty()) {
                return found;
            }
            JWKMatcher wanted = selector.getMatcher();
            return new JWKSelector(new JWKMatcher.Builder().keyTypes(wanted.getKeyTypes()).keyUses(wanted.getKeyUses())
                    .algorithms(wanted.getAlgorithms()).curves(wanted.getCurves()).build()).select(unnamed);
        };
    }

    private static PublicKey certificateKey(byte[] der) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
    }

    private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static JWK toJwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
        }
        throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
    }
}
