package dev.triage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The ingestion benchmark starts its service on a port nobody else holds. */
class IngestBenchmarkTest {

    /** The port the benchmark once always used. */
    static final int OLD_DEFAULT = 18990;

    @Test
    void theServiceGetsAPortNobodyHoldsUnlessOneIsConfigured() throws IOException {
        // another run or another service holds the old default (here: this test, unless someone else does)
        try (ServerSocket held = holding(OLD_DEFAULT); ServerSocket other = new ServerSocket(0)) {
            String chosen = IngestBenchmark.PORT; // the class is first used here: its port is chosen now
            assertNotEquals(Integer.toString(OLD_DEFAULT), chosen);
            assertNotEquals(Integer.toString(other.getLocalPort()), IngestBenchmark.port(null));
            try (ServerSocket free = new ServerSocket(Integer.parseInt(chosen))) {
                assertEquals(Integer.parseInt(chosen), free.getLocalPort(), "the chosen port is free");
            }
        }
        assertEquals("18991", IngestBenchmark.port(" 18991 "), "bench.port still decides when given");
    }

    private static ServerSocket holding(int port) throws IOException {
        try {
            return new ServerSocket(port);
        } catch (IOException alreadyHeld) {
            return new ServerSocket(0); // someone else holds it: that is the case under test anyway
        }
    }
}
