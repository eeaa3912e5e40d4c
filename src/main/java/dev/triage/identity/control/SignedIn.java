package dev.triage.identity.control;

import dev.triage.identity.entity.User;
import java.util.function.Function;

/**
 * A request with a verified token of {@code user} is being served (fired inside the transaction
 * that created or updated the user). {@code claims} reads the token's claims by name.
 */
public record SignedIn(User user, Function<String, Object> claims) {}
