package dev.triage.issue.control;

/** A {@code query}, {@code id}, {@code cursor} or {@code limit} the issue search cannot use. */
public class InvalidSearch extends RuntimeException {

    public InvalidSearch(String message) {
        super(message, null, false, false);
    }
}
