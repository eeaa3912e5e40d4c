package dev.triage.clientkey.control;

/** The caller sees the project but its token lacks the scope to do this with its keys (403). */
public class KeyForbidden extends RuntimeException {

    private final String scope;

    KeyForbidden(String scope) {
        super(scope, null, false, false);
        this.scope = scope;
    }

    public String scope() {
        return scope;
    }
}
