package dev.triage.ingest.control;

/**
 * What an event does to a triaged issue (§7 of SENTRY-INGEST.md), as pure decisions; the
 * counters' batch applies them.
 */
public final class TriageRules {

    /** Archived until escalating: the last hour must bring more than this many times the usual hourly rate... */
    static final int ESCALATION_FACTOR = 10;
    /** ...and at least this many events. */
    static final int ESCALATION_MINIMUM = 10;
    static final int WEEK_HOURS = 7 * 24;

    private TriageRules() {}

    /**
     * Whether an event of {@code eventRelease} (null: none) regresses an issue resolved this way.
     *
     * @param resolutionType null (plainly), {@code in_release}, {@code in_next_release} or {@code in_commit}
     * @param resolvedIn the release of the resolution (the one named, the one latest when resolved
     *                   in the next release, or the first release containing the commit), or null
     */
    public static boolean regresses(String resolutionType, ReleaseOrder.Release resolvedIn,
                                    ReleaseOrder.Release eventRelease) {
        if (resolutionType == null) {
            return true;
        }
        return switch (resolutionType) {
            // Sentry: an event without a release is taken to be from before releases were configured
            case "in_release" -> eventRelease != null && resolvedIn != null
                    && ReleaseOrder.compare(eventRelease, resolvedIn) >= 0;
            // in a commit: like the next release after the first release that contains the commit;
            // while no release is known to contain it, events do not regress
            case "in_next_release", "in_commit" -> eventRelease != null && resolvedIn != null
                    && ReleaseOrder.compare(eventRelease, resolvedIn) > 0;
            default -> true;
        };
    }

    /**
     * Archived until escalating: whether the last hour's events are well above the usual
     * rate, i.e. more than {@link #ESCALATION_FACTOR} times the average hourly count of the last
     * 7 days (this hour included) and at least {@link #ESCALATION_MINIMUM}.
     */
    public static boolean escalates(long lastHour, long lastWeek) {
        double hourlyAverage = lastWeek / (double) WEEK_HOURS;
        return lastHour >= ESCALATION_MINIMUM && lastHour > ESCALATION_FACTOR * hourlyAverage;
    }
}
