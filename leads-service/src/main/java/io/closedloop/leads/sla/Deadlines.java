package io.closedloop.leads.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.closedloop.events.lead.SlaClock;
import io.closedloop.platform.time.BusinessCalendar;

/**
 * The rungs of the escalation ladder around one clock's deadline, in business time when the policy says so.
 * Pure: the same policy, calendar and start always give the same instants.
 */
public final class Deadlines {

    public enum Rung { REMIND, ESCALATE, REASSIGN }

    public record Plan(SlaClock clock, Instant start, Instant deadline, List<Step> steps) {
    }

    public record Step(Rung rung, Instant at) {
    }

    private Deadlines() {
    }

    public static Plan plan(SlaPolicy policy, BusinessCalendar businessCalendar, SlaClock clock, Instant start) {
        BusinessCalendar calendar = policy.businessHoursOnly() ? businessCalendar : BusinessCalendar.ALWAYS;
        Duration window = switch (clock) {
            case ACKNOWLEDGE -> policy.acknowledgeWithin();
            case FIRST_CONTACT -> policy.firstContactWithin();
            case FOLLOW_UP -> policy.followUpEvery();
        };
        SlaPolicy.Ladder ladder = policy.ladder();
        Instant deadline = calendar.plus(start, window);
        List<Step> steps = new ArrayList<>();
        if (ladder.remindBefore().isPositive() && ladder.remindBefore().compareTo(window) < 0) {
            steps.add(new Step(Rung.REMIND, calendar.plus(start, window.minus(ladder.remindBefore()))));
        }
        steps.add(new Step(Rung.ESCALATE, calendar.plus(start, window.plus(ladder.escalateAfter()))));
        if (clock == SlaClock.ACKNOWLEDGE && ladder.reassignAfter() != null) {
            steps.add(new Step(Rung.REASSIGN, calendar.plus(start, window.plus(ladder.reassignAfter()))));
        }
        return new Plan(clock, start, deadline, List.copyOf(steps));
    }
}
