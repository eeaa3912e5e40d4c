package dev.triage.clientkey.entity;

/** No such project or key, or one the caller may not see (answered 404, never 403). */
public class ClientKeyNotFound extends RuntimeException {
    public ClientKeyNotFound() {
        super("not found", null, false, false);
    }
}
