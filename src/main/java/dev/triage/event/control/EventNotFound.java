package dev.triage.event.control;

/** No such event, or one of an issue or project the caller may not see (404). */
public class EventNotFound extends RuntimeException {
    public EventNotFound() {
        super("not found", null, false, false);
    }
}
