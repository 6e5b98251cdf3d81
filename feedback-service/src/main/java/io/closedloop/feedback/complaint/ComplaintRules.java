package io.closedloop.feedback.complaint;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The arithmetic of complaints, pure: resolved when every item is; resolved on the first return when exactly one visit
 * back was recorded before the resolution (a complaint settled without a recorded visit earns no first-return credit:
 * the visit is what the credit is for); reopened when the customer's score is below the threshold. Who may record what
 * is in {@link #whoMayOpen} and {@link #whoMayRate}.
 */
public final class ComplaintRules {

    private ComplaintRules() {
    }

    public static boolean allResolved(List<ComplaintItem.State> items) {
        return !items.isEmpty() && items.stream().allMatch(s -> s == ComplaintItem.State.RESOLVED);
    }

    /** @param visits the return visits' times, @param resolvedAt when the last item was resolved */
    public static boolean resolvedOnFirstReturn(List<Instant> visits, Instant resolvedAt) {
        return visits.stream().filter(v -> !v.isAfter(resolvedAt)).count() == 1;
    }

    /**
     * Why {@code callerId} may not open a complaint attributed to {@code ownerId}, or empty when they may: anyone
     * takes a complaint for themselves; for someone else, only that person's manager (a manager of their team) or the
     * admin — a complaint is work someone will be judged on.
     */
    public static Optional<String> whoMayOpen(String callerId, boolean admin, Set<String> managedTeams, String ownerId,
                                              String ownerTeamId) {
        if (admin || ownerId.equals(callerId) || (ownerTeamId != null && managedTeams.contains(ownerTeamId))) {
            return Optional.empty();
        }
        return Optional.of("Only the owner's manager or the admin gives a complaint to someone else");
    }

    /**
     * Why {@code callerId} may not record the customer's satisfaction with a complaint owned by {@code ownerId}, or
     * empty when they may: the person whose work is judged never rates it.
     */
    public static Optional<String> whoMayRate(String callerId, String ownerId) {
        return callerId.equals(ownerId)
                ? Optional.of("The person whose work is judged does not record the customer's satisfaction with it; "
                        + "their manager, whoever took the complaint, or a survey does")
                : Optional.empty();
    }

    public static boolean reopens(int score, int reopenBelow) {
        return score < reopenBelow;
    }
}
