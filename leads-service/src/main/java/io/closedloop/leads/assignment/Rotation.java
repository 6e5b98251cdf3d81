package io.closedloop.leads.assignment;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses who in a team gets the next lead. Round-robin walks the members in a stable order, starting after whoever
 * got the last one, so each eligible member gets one lead per round: no bias towards the first or the longest
 * serving. Least-loaded takes the eligible member with the fewest open leads, ties broken in that same round
 * order. Inactive, out-of-office and full members (open leads at capacity) are skipped.
 */
public final class Rotation {

    /** A team member as the rotation sees them. */
    public record Member(String personId, boolean active, Instant outOfOfficeUntil, long openLeads, Integer capacity) {

        boolean isAssignable(Instant now) {
            return active && (outOfOfficeUntil == null || !outOfOfficeUntil.isAfter(now))
                    && (capacity == null || openLeads < capacity);
        }
    }

    private Rotation() {
    }

    public static Optional<String> pick(List<Member> members, AssignmentRule.Strategy strategy, String lastPicked,
                                        Instant now, Set<String> excluded) {
        List<Member> eligible = roundOrder(eligible(members, now, excluded), lastPicked);
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        if (strategy == AssignmentRule.Strategy.LEAST_LOADED) {
            // min() keeps the first of equals: the one next in the round.
            return eligible.stream().min(Comparator.comparingLong(Member::openLeads)).map(Member::personId);
        }
        return Optional.of(eligible.getFirst().personId());
    }

    /** Who may get the next lead: assignable now and not excluded. */
    public static List<Member> eligible(List<Member> members, Instant now, Set<String> excluded) {
        return members.stream().filter(m -> m.isAssignable(now) && !excluded.contains(m.personId())).toList();
    }

    /** Members sorted by id, rotated to start just after {@code lastPicked} (or where it would be, if it left). */
    static List<Member> roundOrder(List<Member> members, String lastPicked) {
        List<Member> sorted = members.stream().sorted(Comparator.comparing(Member::personId)).toList();
        if (lastPicked == null || sorted.isEmpty()) {
            return sorted;
        }
        int start = 0;
        while (start < sorted.size() && sorted.get(start).personId().compareTo(lastPicked) <= 0) {
            start++;
        }
        start %= sorted.size();
        return java.util.stream.Stream.concat(sorted.subList(start, sorted.size()).stream(),
                sorted.subList(0, start).stream()).toList();
    }
}
