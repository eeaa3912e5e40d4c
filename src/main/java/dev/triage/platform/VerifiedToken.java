package dev.triage.platform;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token {@link TokenVerifier} has checked, seen through MicroProfile JWT's {@link JsonWebToken}:
 * the standard claims as the specification types them, every other claim as a JSON-P value.
 */
final class VerifiedToken implements JsonWebToken {

    /** The token of a request that carries none that verifies. */
    static final VerifiedToken NONE = new VerifiedToken(null, new JWTClaimsSet.Builder().build());

    private final String raw;
    private final JWTClaimsSet claims;
    private final JsonObject json;

    VerifiedToken(String raw, JWTClaimsSet claims) {
        this.raw = raw;
        this.claims = claims;
        try (JsonReader reader = Json.createReader(new StringReader(claims.toString()))) {
            this.json = reader.readObject();
        }
    }

    @Override
    public String getName() {
        if (raw == null) {
            return null;
        }
        for (String name : new String[] {Claims.upn.name(), Claims.preferred_username.name()}) {
            if (json.get(name) instanceof JsonString value) {
                return value.getString();
            }
        }
        return claims.getSubject();
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new HashSet<>(json.keySet());
        if (raw != null) {
            names.add(Claims.raw_token.name());
        }
        return names;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        Claims standard = standard(name);
        if (standard == Claims.raw_token) {
            return (T) raw;
        }
        JsonValue value = json.get(name);
        if (value == null) {
            return null;
        }
        if (standard == Claims.groups || standard == Claims.aud) {
            return (T) strings(value);
        }
        if (standard != null && standard.getType() == Long.class) {
            Date date = switch (standard) {
                case exp -> claims.getExpirationTime();
                case iat -> claims.getIssueTime();
                case nbf -> claims.getNotBeforeTime();
                default -> null;
            };
            return (T) (date != null ? Long.valueOf(date.getTime() / 1000)
                    : value instanceof jakarta.json.JsonNumber n ? Long.valueOf(n.longValue()) : null);
        }
        if (standard != null && standard.getType() == String.class && value instanceof JsonString s) {
            return (T) s.getString();
        }
        return (T) value;
    }

    private static Set<String> strings(JsonValue value) {
        Set<String> result = new LinkedHashSet<>();
        if (value instanceof JsonString single) {
            result.add(single.getString());
        } else if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            value.asJsonArray().forEach(v -> {
                if (v instanceof JsonString s) {
                    result.add(s.getString());
                }
            });
        }
        return result;
    }

    private static Claims standard(String name) {
        try {
            return Claims.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return raw == null ? "VerifiedToken[none]" : "VerifiedToken[sub=" + claims.getSubject() + "]";
    }
}
