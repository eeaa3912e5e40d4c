package dev.triage.issue.entity;

import jakarta.persistence.Converter;

/** Sentry's {@code GroupSubStatus}: why an issue is unresolved, or how it is ignored. */
public enum Substatus implements WireName {
    ESCALATING("escalating", IssueStatus.UNRESOLVED),
    ONGOING("ongoing", IssueStatus.UNRESOLVED),
    REGRESSED("regressed", IssueStatus.UNRESOLVED),
    NEW("new", IssueStatus.UNRESOLVED),
    ARCHIVED_UNTIL_ESCALATING("archived_until_escalating", IssueStatus.IGNORED),
    ARCHIVED_UNTIL_CONDITION_MET("archived_until_condition_met", IssueStatus.IGNORED),
    ARCHIVED_FOREVER("archived_forever", IssueStatus.IGNORED);

    private final String wireName;
    private final IssueStatus status;

    Substatus(String wireName, IssueStatus status) {
        this.wireName = wireName;
        this.status = status;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The status this substatus belongs to. */
    public IssueStatus status() {
        return status;
    }

    public boolean belongsTo(IssueStatus candidate) {
        return status == candidate;
    }

    @Converter(autoApply = true)
    public static class Column extends WireNameConverter<Substatus> {
        public Column() {
            super(Substatus.class);
        }
    }
}
