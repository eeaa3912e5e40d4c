package dev.triage.clientkey.control;

/**
 * What a key's PUT changes: null means "not submitted". {@code rateLimitGiven} tells a submitted
 * {@code "rateLimit": null} (remove the limit) from an absent one.
 */
public record KeyChange(String name, Boolean active, boolean rateLimitGiven, Integer rateLimitWindow,
                        Integer rateLimitCount) {}
