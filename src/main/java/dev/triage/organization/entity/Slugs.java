package dev.triage.organization.entity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Sentry's slug rules ({@code api/fields/sentry_slug.py}, {@code slugs/validators.py}): project and
 * team slugs are lower-case letters, digits, underscores and dashes; organization slugs letters,
 * digits and dashes, not starting or ending with a dash, stored in lower case; none entirely
 * numeric (a number names the object by id); at most 50 characters.
 */
public final class Slugs {

    public static final int MAX_LENGTH = 50;
    static final Pattern SLUG = Pattern.compile("^(?![0-9]+$)[a-z0-9_\\-]+$");
    static final Pattern ORGANIZATION_SLUG = Pattern.compile("^(?![0-9]+$)[a-zA-Z0-9][a-zA-Z0-9-]*(?<!-)$");
    static final String SLUG_MESSAGE = "Enter a valid slug consisting of lowercase letters, numbers, underscores or"
            + " hyphens. It cannot be entirely numeric.";
    static final String ORGANIZATION_SLUG_MESSAGE = "Enter a valid slug consisting of letters, numbers, or hyphens."
            + " It cannot be entirely numeric or start/end with a hyphen.";

    private Slugs() {}

    /** A project or team slug as given; refused (400 on {@code slug}) unless valid. */
    public static String checked(String slug) {
        if (slug.length() > MAX_LENGTH) {
            throw tooLong();
        }
        if (!SLUG.matcher(slug).matches()) {
            throw Refusal.invalid("slug", SLUG_MESSAGE);
        }
        return slug;
    }

    /** An organization slug, lower-cased; refused (400 on {@code slug}) unless valid. */
    public static String checkedOrganization(String slug) {
        if (slug.length() > MAX_LENGTH) {
            throw tooLong();
        }
        if (!ORGANIZATION_SLUG.matcher(slug).matches()) {
            throw Refusal.invalid("slug", ORGANIZATION_SLUG_MESSAGE);
        }
        return slug.toLowerCase(Locale.ROOT);
    }

    /** Sentry's slugify of a name when no slug is given: lower case, runs of anything else become one dash. */
    public static String fromName(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > MAX_LENGTH ? slug.substring(0, MAX_LENGTH).replaceAll("-+$", "") : slug;
    }

    private static Refusal tooLong() {
        return Refusal.invalid("slug", "Ensure this field has no more than " + MAX_LENGTH + " characters.");
    }
}
