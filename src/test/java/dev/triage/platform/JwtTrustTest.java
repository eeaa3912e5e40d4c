package dev.triage.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtTrustTest {

    static JwtTrust trust(String location, String key, String issuer) {
        JwtTrust trust = new JwtTrust();
        trust.keyLocation = Optional.ofNullable(location);
        trust.key = Optional.ofNullable(key);
        trust.issuer = Optional.ofNullable(issuer);
        return trust;
    }

    @Test
    void theShippedDefaultsTrustNobody() {
        assertFalse(trust(null, null, JwtTrust.UNCONFIGURED_ISSUER).configured());
        assertFalse(trust("file:/keys/idp.pem", null, JwtTrust.UNCONFIGURED_ISSUER).configured());
        assertFalse(trust(null, null, "https://idp.example.com/").configured());
        assertFalse(trust(" ", null, "https://idp.example.com/").configured());
        assertFalse(trust("file:/keys/idp.pem", null, null).configured());
    }

    @Test
    void aKeyAndAnIssuerAreTrusted() {
        assertTrue(trust("file:/keys/idp.pem", null, "https://idp.example.com/").configured());
        assertTrue(trust(null, "-----BEGIN PUBLIC KEY-----...", "https://idp.example.com/").configured());
    }
}
