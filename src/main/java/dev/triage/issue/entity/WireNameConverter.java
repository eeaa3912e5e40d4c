package dev.triage.issue.entity;

import jakarta.persistence.AttributeConverter;

/**
 * Stores a {@link WireName} enum as its wire name, so the column reads like Sentry's API. An
 * unknown value in the database is a broken invariant: it fails loudly instead of reading as null.
 */
abstract class WireNameConverter<E extends Enum<E> & WireName> implements AttributeConverter<E, String> {

    private final Class<E> type;

    WireNameConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.wireName();
    }

    @Override
    public E convertToEntityAttribute(String column) {
        if (column == null) {
            return null;
        }
        return WireName.find(type, column).orElseThrow(
                () -> new IllegalStateException("Unknown " + type.getSimpleName() + " in the database: " + column));
    }
}
