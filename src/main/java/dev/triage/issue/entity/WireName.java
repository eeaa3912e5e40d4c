package dev.triage.issue.entity;

import java.util.Optional;

/** A domain word with the spelling Sentry's API and our columns use for it. */
public interface WireName {

    String wireName();

    /** The constant spelled {@code wire}, if any. */
    static <E extends Enum<E> & WireName> Optional<E> find(Class<E> type, String wire) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(wire)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
