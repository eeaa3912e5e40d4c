package dev.triage.issue.entity;

import jakarta.persistence.Converter;

/** How a resolved issue was resolved, when not plainly (Sentry's {@code GroupResolution} types). */
public enum ResolutionType implements WireName {
    IN_RELEASE("in_release"),
    IN_NEXT_RELEASE("in_next_release"),
    IN_COMMIT("in_commit");

    private final String wireName;

    ResolutionType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Converter(autoApply = true)
    public static class Column extends WireNameConverter<ResolutionType> {
        public Column() {
            super(ResolutionType.class);
        }
    }
}
