package io.closedloop.feedback.complaint;

import java.time.Instant;
import java.util.List;

/**
 * The arithmetic of complaints, pure: resolved when every item is; resolved on the first return when it took at most
 * one visit back (every item settled by the end of that visit, or before any visit was needed); reopened when the
 * customer's score is below the threshold.
 */
public final class ComplaintRules {

    private ComplaintRules() {
    }

    public static boolean allResolved(List<ComplaintItem.State> items) {
        return !items.isEmpty() && items.stream().allMatch(s -> s == ComplaintItem.State.RESOLVED);
    }

    /** @param visits the return visits' times, @param resolvedAt when the last item was resolved */
    public static boolean resolvedOnFirstReturn(List<Instant> visits, Instant resolvedAt) {
        return visits.stream().filter(v -> !v.isAfter(resolvedAt)).count() <= 1;
    }

    public static boolean reopens(int score, int reopenBelow) {
        return score < reopenBelow;
    }
}
