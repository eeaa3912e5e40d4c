package dev.triage.clientkey.control;

/** The database did not answer a question about client keys (who a key is, how much of its limit is used). */
public class KeysUnavailable extends RuntimeException {

    public KeysUnavailable(Throwable cause) {
        super("Cannot use the client keys: " + cause.getMessage(), cause);
    }
}
