package dev.triage.clientkey.control;

/**
 * A client key was changed or removed. Observed after its transaction completes, so that the
 * caches forget the key only once the change is visible to the loads that refill them.
 */
record KeyChanged(long keyId, String publicKey, boolean rateLimitChanged) {}
