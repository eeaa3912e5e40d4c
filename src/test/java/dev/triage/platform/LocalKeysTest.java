package dev.triage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeysTest {

    @TempDir
    Path dir;

    static String pem(RSAKey key) throws Exception {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static JWKSelector selectorFor(String kid) {
        return new JWKSelector(JWKMatcher.forJWSHeader(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build()));
    }

    @Test
    void aPemFileIsReadFromAPlainPathOrAFileUrlAndMatchesAnyKid() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        Path file = Files.writeString(dir.resolve("key.pem"), pem(key));

        for (String location : new String[] {file.toString(), file.toUri().toString()}) {
            var keys = LocalKeys.read(location);
            assertEquals(1, keys.get(selectorFor("whatever-the-provider-named-it"), null).size());
            assertEquals(1, keys.get(selectorFor(null), null).size());
        }
    }

    @Test
    void aJwksFileSelectsByKid() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path file = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}");

        var keys = LocalKeys.read(file.toString());
        assertEquals(1, keys.get(selectorFor("k1"), null).size());
        assertEquals(0, keys.get(selectorFor("k2"), null).size());
    }

    @Test
    void aPrivateJwkIsReducedToItsPublicHalf() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        var keys = LocalKeys.parse(key.toJSONString(), "inline");
        assertTrue(keys.get(selectorFor("k1"), null).stream().noneMatch(k -> k.isPrivate()));
    }

    @Test
    void aMissingOrUnusableKeyIsAClearError() throws Exception {
        Path missing = dir.resolve("nothing-here.pem");
        var error = assertThrows(JwtTrust.KeySourceUnusable.class, () -> LocalKeys.read(missing.toString()));
        assertTrue(error.getMessage().startsWith("Cannot read the JWT verification key at " + missing), error.getMessage());

        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key");
        error = assertThrows(JwtTrust.KeySourceUnusable.class, () -> LocalKeys.read(garbage.toString()));
        assertTrue(error.getMessage().contains("holds no public key"), error.getMessage());

        Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        error = assertThrows(JwtTrust.KeySourceUnusable.class, () -> LocalKeys.read(broken.toString()));
        assertTrue(error.getMessage().contains("is not a usable PEM public key"), error.getMessage());
    }
}
