package dev.triage.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.triage.it.CuttableTunnel;
import dev.triage.it.IdentityProvider;
import dev.triage.it.TestEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The key source and the verifier as the service builds them, against the tests' real Keycloak
 * through its JWKS URL (the suite's service uses the discovery document), with the provider
 * unreachable from the start: tokens are refused and the log says why once; when the provider
 * answers, the next token is accepted, without a restart, and the log says so once.
 */
class ProviderUnreachableAtStartIT {

    @Test
    void tokensAreRefusedUntilTheProviderAnswersThenAcceptedWithoutARestart() throws Exception {
        IdentityProvider idp = TestEnvironment.provider();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CuttableTunnel tunnel = new CuttableTunnel(port, idp.directPort());
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger.getLogger(JwtTrust.class.getName()).addHandler(capture);
        try {
            JwtTrust trust = new JwtTrust();
            trust.keyLocation = Optional.of("http://127.0.0.1:" + port + "/realms/" + IdentityProvider.REALM
                    + "/protocol/openid-connect/certs");
            trust.key = Optional.empty();
            trust.issuer = Optional.of(idp.issuer());
            trust.cacheSeconds = 300;
            trust.open();
            TokenVerifier verifier = new TokenVerifier();
            verifier.trust = trust;
            verifier.audiences = Optional.of(IdentityProvider.AUDIENCE);
            verifier.algorithms = "RS256,ES256";
            verifier.clockSkewSeconds = 30;
            String token = idp.token("issue-triage-cli", "alice", "alice-password");

            assertTrue(verifier.verify(token).isEmpty(), "refused while the provider cannot be reached");
            assertTrue(verifier.verify(token).isEmpty());
            assertTrue(trust.problem().isPresent(), "readiness reports the key source");
            assertEquals(1, lines.stream().filter(l -> l.startsWith("WARNING Cannot fetch the JWT signing keys from")).count(),
                    "one line for the outage: " + lines);

            tunnel.open();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (verifier.verify(token).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(IdentityProvider.ALICE_ID, verifier.verify(token).orElseThrow().getSubject());
            assertTrue(trust.problem().isEmpty());
            assertEquals(1, lines.stream().filter(l -> l.startsWith("INFO The JWT key source") && l.contains("answers again")).count(),
                    "one line for the recovery: " + lines);
        } finally {
            Logger.getLogger(JwtTrust.class.getName()).removeHandler(capture);
            tunnel.close();
        }
    }
}
