package io.closedloop.feedback.loop;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.closedloop.events.loop.LoopKind;
import io.closedloop.feedback.FeedbackConfig;
import io.closedloop.platform.time.BusinessCalendar;

/**
 * When echoes are due for a kind of loop: the receipt within {@code receiptWithin} of opening, the first progress
 * within {@code firstProgressWithin} of opening and then every {@code progressEvery}, the outcome within
 * {@code outcomeWithin} when set. Deadlines count business time when {@code businessTime}. Pure.
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
