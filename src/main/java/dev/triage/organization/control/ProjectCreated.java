package dev.triage.organization.control;

/**
 * A project was just created (in the transaction still open): what else a new project needs, such
 * as its first client key, observes this.
 */
public record ProjectCreated(Long projectId) {}
