package dev.triage.platform;

/**
 * A failure of the request itself (authentication, authorization, protocol), answered with a
 * status and Sentry's {@code {"detail": ...}} body. Business failures have their own exceptions.
 */
public class ApiFailure extends RuntimeException {

    private final int status;
    private final String detail;
    private final String authenticate;

    ApiFailure(int status, String detail, String authenticate) {
        super(detail, null, false, false);
        this.status = status;
        this.detail = detail;
        this.authenticate = authenticate;
    }

    public static ApiFailure notAuthenticated() {
        return new ApiFailure(401, "Authentication credentials were not provided.", "Bearer");
    }

    public static ApiFailure invalidToken() {
        return new ApiFailure(401, "Invalid token", "Bearer error=\"invalid_token\"");
    }

    public static ApiFailure insufficientScope(String scope) {
        return new ApiFailure(403, "You do not have permission to perform this action.",
                "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
    }

    public static ApiFailure of(int status, String detail) {
        return new ApiFailure(status, detail, null);
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    /** The WWW-Authenticate challenge, or null. */
    public String authenticate() {
        return authenticate;
    }
}
