package dev.triage.release.control;

/** The caller is a member of the organization, but the token lacks the scope for releases (403). */
public class ReleaseForbidden extends RuntimeException {

    private final String scope;

    ReleaseForbidden(String scope) {
        super(scope, null, false, false);
        this.scope = scope;
    }

    public String scope() {
        return scope;
    }
}
