package dev.triage.it;

import java.time.Duration;
import java.util.List;

/** Tokens minted at test time with the key pair the service under test trusts. */
public final class Tokens {

    /** Every issue scope and the read scopes of the organization endpoints. */
    public static final List<String> ALL = List.of("event:read", "event:write", "event:admin",
            "org:read", "project:read", "member:read", "team:read");

    private Tokens() {}

    public static String of(String subject, String... scopes) {
        return TestEnvironment.keys().token(subject, List.of(scopes), Duration.ofMinutes(30));
    }

    /** jane: organization 1, every scope. */
    public static String jane() {
        return TestEnvironment.keys().token("jane", ALL, Duration.ofMinutes(30));
    }

    /** john: organization 1, read and write. */
    public static String john() {
        return of("john", "event:read", "event:write", "org:read", "project:read", "member:read", "team:read");
    }

    /** leia: organization 2 only. */
    public static String leia() {
        return TestEnvironment.keys().token("leia", ALL, Duration.ofMinutes(30));
    }
}
