package io.closedloop.feedback.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.closedloop.events.loop.LoopKind;
import io.closedloop.feedback.FeedbackConfig;
import io.closedloop.platform.problem.FieldViolation;
import io.closedloop.platform.time.BusinessCalendar;

/**
 * When echoes are due for a kind of loop: the receipt within {@code receiptWithin} of opening, the first progress
 * within {@code firstProgressWithin} of opening and then every {@code progressEvery}, the outcome within
 * {@code outcomeWithin} when set. Deadlines count business time when {@code businessTime}. On a loop about a lead, the
 * receipt is the owner's acknowledgment, due by the lead's own acknowledgment deadline once it has an owner;
 * {@code receiptWithin} counts only until then. Pure.
 */
public record EchoPolicy(Duration receiptWithin, Duration firstProgressWithin, Duration progressEvery,
                         Duration outcomeWithin, boolean personalProgress, Duration escalateAfter,
                         boolean businessTime) {

    public static EchoPolicy of(FeedbackConfig config, LoopKind kind) {
        Map<String, FeedbackConfig.EchoPolicyConfig> policies = config.policies();
        FeedbackConfig.EchoPolicyConfig p = policies.get(kind.name().toLowerCase());
        if (p == null) {
            throw new IllegalStateException("No echo policy configured for " + kind
                    + " (closedloop.feedback.policies." + kind.name().toLowerCase() + ".*)");
        }
        return new EchoPolicy(p.receiptWithin(), p.firstProgressWithin(), p.progressEvery(),
                p.outcomeWithin().orElse(null), p.personalProgress(), p.escalateAfter(), p.businessTime());
    }

    /** The longest any of its durations may be: a deadline a year away chases nobody. */
    public static final Duration LONGEST = Duration.ofDays(366);

    /** What is wrong with the policy, by field (empty when it is usable). */
    public List<FieldViolation> problems() {
        List<FieldViolation> problems = new ArrayList<>();
        positive(problems, "receiptWithin", receiptWithin, true);
        positive(problems, "firstProgressWithin", firstProgressWithin, true);
        positive(problems, "progressEvery", progressEvery, true);
        positive(problems, "outcomeWithin", outcomeWithin, false);
        positive(problems, "escalateAfter", escalateAfter, true);
        return problems;
    }

    private static void positive(List<FieldViolation> problems, String field, Duration value, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(new FieldViolation(field, "is required"));
            }
        } else if (value.isNegative() || value.isZero()) {
            problems.add(new FieldViolation(field, "must be longer than zero"));
        } else if (value.compareTo(LONGEST) > 0) {
            problems.add(new FieldViolation(field, "must be at most " + LONGEST.toDays() + " days (P366D)"));
        }
    }

    public Instant receiptDue(BusinessCalendar calendar, Instant openedAt) {
        return calendar(calendar).plus(openedAt, receiptWithin);
    }

    /** The next progress deadline: from the opening for the first, from the last counted progress after that. */
    public Instant progressDue(BusinessCalendar calendar, Instant openedAt, Instant lastProgressAt) {
        return lastProgressAt == null ? calendar(calendar).plus(openedAt, firstProgressWithin)
                : calendar(calendar).plus(lastProgressAt, progressEvery);
    }

    public Instant outcomeDue(BusinessCalendar calendar, Instant openedAt) {
        return outcomeWithin == null ? null : calendar(calendar).plus(openedAt, outcomeWithin);
    }

    public Instant escalation(BusinessCalendar calendar, Instant dueAt) {
        return calendar(calendar).plus(dueAt, escalateAfter);
    }

    private BusinessCalendar calendar(BusinessCalendar teamCalendar) {
        return businessTime ? teamCalendar : BusinessCalendar.ALWAYS;
    }
}
