package dev.triage.organization.entity;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A request the organization feature refuses, with Sentry's answer for it: invalid input (a field
 * dictionary), a role that does not allow it, or a conflict with what exists. Nothing was changed.
 */
public class Refusal extends RuntimeException {

    public enum Kind { INVALID, FORBIDDEN, CONFLICT, TURNED_OFF }

    private final Kind kind;
    private final transient JsonObject body;

    private Refusal(Kind kind, JsonObject body) {
        super(body.toString(), null, false, false);
        this.kind = kind;
        this.body = body;
    }

    /** 400 with {@code {"field": ["message"]}}. */
    public static Refusal invalid(String field, String message) {
        return new Refusal(Kind.INVALID, Json.createObjectBuilder()
                .add(field, Json.createArrayBuilder().add(message)).build());
    }

    /** 400 with {@code {"detail": "message"}}. */
    public static Refusal invalid(String message) {
        return new Refusal(Kind.INVALID, detail(message));
    }

    /** 403 with {@code {"detail": "message"}}. */
    public static Refusal forbidden(String message) {
        return new Refusal(Kind.FORBIDDEN, detail(message));
    }

    /** 403 with {@code {"field": "message"}}, as Sentry's member endpoints answer a role they refuse. */
    public static Refusal forbidden(String field, String message) {
        return new Refusal(Kind.FORBIDDEN, Json.createObjectBuilder().add(field, message).build());
    }

    /**
     * 401 with {@code {"detail": "message"}}: something this deployment does not allow anybody,
     * answered as Sentry answers a feature that is off for the user (no {@code WWW-Authenticate}:
     * the token is fine).
     */
    public static Refusal turnedOff(String message) {
        return new Refusal(Kind.TURNED_OFF, detail(message));
    }

    /** 409 with {@code {"detail": "message"}}. */
    public static Refusal conflict(String message) {
        return new Refusal(Kind.CONFLICT, detail(message));
    }

    public Kind kind() {
        return kind;
    }

    public JsonObject body() {
        return body;
    }

    private static JsonObject detail(String message) {
        return Json.createObjectBuilder().add("detail", message).build();
    }
}
