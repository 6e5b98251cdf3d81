package io.closedloop.leads.sla;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.Priority;
import io.closedloop.platform.problem.FieldViolation;

/** The SLA policy set: choosing a lead's policy, checking a new set, and the set in force until someone edits it. */
public record SlaPolicies(List<SlaPolicy> policies) {

    /**
     * Until configured: a referral is acknowledged within 15 minutes and first contacted within the hour (the
     * speed-to-lead research), other leads within an hour and four business hours; follow-ups every two business
     * days. Reminders 5 minutes before a deadline, the manager told at the deadline, a bounce 15 minutes after it.
     */
    public static final SlaPolicies DEFAULTS = new SlaPolicies(List.of(
            new SlaPolicy("referral", LeadSource.REFERRAL, null, Duration.ofMinutes(15), Duration.ofHours(1),
                    Duration.ofHours(16), true, new SlaPolicy.Ladder(Duration.ofMinutes(5), Duration.ZERO, Duration.ofMinutes(15))),
            new SlaPolicy("high-priority", null, Priority.HIGH, Duration.ofMinutes(15), Duration.ofHours(1),
                    Duration.ofHours(8), true, new SlaPolicy.Ladder(Duration.ofMinutes(5), Duration.ZERO, Duration.ofMinutes(15))),
            new SlaPolicy("standard", null, null, Duration.ofHours(1), Duration.ofHours(4),
                    Duration.ofHours(16), true, new SlaPolicy.Ladder(Duration.ofMinutes(10), Duration.ZERO, Duration.ofMinutes(30)))));

    public SlaPolicies {
        policies = List.copyOf(policies);
    }

    /** The most specific policy for a lead: source and priority, then source, then priority, then the catch-all. */
    public SlaPolicy select(LeadSource source, Priority priority) {
        return policies.stream()
                .filter(p -> p.applies(source, priority))
                .max(Comparator.comparingInt(SlaPolicy::specificity))
                .orElseThrow(() -> new IllegalStateException("No SLA policy applies and there is no catch-all"));
    }

    /** What is wrong with this set beyond each field's own constraints; empty when it can be put in force. */
    public List<FieldViolation> problems() {
        List<FieldViolation> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> scopes = new HashSet<>();
        boolean catchAll = false;
        for (int i = 0; i < policies.size(); i++) {
            SlaPolicy p = policies.get(i);
            String at = "[" + i + "]";
            if (!ids.add(p.id())) {
                problems.add(new FieldViolation(at + ".id", "'" + p.id() + "' is used twice"));
            }
            if (!scopes.add(p.source() + "/" + p.priority())) {
                problems.add(new FieldViolation(at, "another policy already covers source " + name(p.source())
                        + " and priority " + name(p.priority())));
            }
            catchAll |= p.isCatchAll();
            positive(problems, at + ".acknowledgeWithin", p.acknowledgeWithin());
            positive(problems, at + ".firstContactWithin", p.firstContactWithin());
            positive(problems, at + ".followUpEvery", p.followUpEvery());
            SlaPolicy.Ladder ladder = p.ladder();
            if (ladder.remindBefore().isNegative()) {
                problems.add(new FieldViolation(at + ".ladder.remindBefore", "must not be negative"));
            }
            if (ladder.escalateAfter().isNegative()) {
                problems.add(new FieldViolation(at + ".ladder.escalateAfter", "must not be negative"));
            }
            atMostAYear(problems, at + ".acknowledgeWithin", p.acknowledgeWithin());
            atMostAYear(problems, at + ".firstContactWithin", p.firstContactWithin());
            atMostAYear(problems, at + ".followUpEvery", p.followUpEvery());
            atMostAYear(problems, at + ".ladder.remindBefore", ladder.remindBefore());
            atMostAYear(problems, at + ".ladder.escalateAfter", ladder.escalateAfter());
            if (ladder.reassignAfter() != null) {
                atMostAYear(problems, at + ".ladder.reassignAfter", ladder.reassignAfter());
            }
            if (ladder.reassignAfter() != null && ladder.reassignAfter().compareTo(ladder.escalateAfter()) <= 0) {
                problems.add(new FieldViolation(at + ".ladder.reassignAfter",
                        "must come after escalateAfter: the manager is told before the lead bounces"));
            }
        }
        if (!catchAll) {
            problems.add(new FieldViolation("policies", "needs a catch-all policy (no source, no priority) so that "
                    + "every lead has deadlines"));
        }
        return problems;
    }

    private static void positive(List<FieldViolation> problems, String field, Duration d) {
        if (d.isZero() || d.isNegative()) {
            problems.add(new FieldViolation(field, "must be longer than zero"));
        }
    }

    /**
     * Every deadline is computed from a lead's times by adding these: a duration of billions of hours would be
     * accepted here and overflow at the next intake. A year is beyond any service level worth the name.
     */
    private static void atMostAYear(List<FieldViolation> problems, String field, Duration d) {
        if (d.compareTo(LONGEST) > 0) {
            problems.add(new FieldViolation(field, "must be at most " + LONGEST.toDays() + " days"));
        }
    }

    /** The longest duration a policy may name. */
    public static final Duration LONGEST = Duration.ofDays(366);

    private static String name(Object o) {
        return o == null ? "any" : o.toString();
    }
}
