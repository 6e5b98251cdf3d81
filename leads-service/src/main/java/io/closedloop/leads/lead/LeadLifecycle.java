package io.closedloop.leads.lead;

import io.closedloop.events.lead.LeadStatus;
import java.util.EnumSet;
import java.util.Set;

/**
 * The status lifecycle: new → assigned → acknowledged → contacted → meeting scheduled → qualified → won | lost.
 * A step either moves the lead on, leaves it where it is (a handed-over lead keeps its progress) or is illegal,
 * which the API answers with 409.
 */
public final class LeadLifecycle {

    public enum Step {
        ASSIGN, ACKNOWLEDGE, CONTACT_REACHED, CONTACT_NOT_REACHED, SCHEDULE_MEETING, NO_MEETING_LEFT, QUALIFY, WIN, LOSE
    }

    /** The move is not allowed from the lead's status; the message says why, for the 409. */
    public static final class IllegalTransition extends RuntimeException {
        public IllegalTransition(String message) {
            super(message, null, false, false);
        }
    }

    private static final Set<LeadStatus> ACKNOWLEDGED_OR_LATER = EnumSet.of(LeadStatus.ACKNOWLEDGED,
            LeadStatus.CONTACTED, LeadStatus.MEETING_SCHEDULED, LeadStatus.QUALIFIED);
    private static final Set<LeadStatus> CONTACTED_OR_LATER = EnumSet.of(LeadStatus.CONTACTED,
            LeadStatus.MEETING_SCHEDULED, LeadStatus.QUALIFIED);

    private LeadLifecycle() {
    }

    public static LeadStatus next(LeadStatus from, Step step) {
        if (!from.isOpen()) {
            throw new IllegalTransition("The lead is closed (" + from + ")");
        }
        return switch (step) {
            case ASSIGN -> from == LeadStatus.NEW || from == LeadStatus.ASSIGNED || from == LeadStatus.ACKNOWLEDGED
                    ? LeadStatus.ASSIGNED : from;
            case ACKNOWLEDGE -> switch (from) {
                case NEW -> throw new IllegalTransition("The lead has no owner to acknowledge it yet");
                case ASSIGNED -> LeadStatus.ACKNOWLEDGED;
                default -> from;
            };
            case CONTACT_REACHED -> {
                requireAcknowledged(from, "record contact");
                yield from == LeadStatus.ACKNOWLEDGED ? LeadStatus.CONTACTED : from;
            }
            case CONTACT_NOT_REACHED -> {
                requireAcknowledged(from, "record contact");
                yield from;
            }
            case SCHEDULE_MEETING -> {
                requireAcknowledged(from, "schedule a meeting");
                yield from == LeadStatus.QUALIFIED ? from : LeadStatus.MEETING_SCHEDULED;
            }
            case NO_MEETING_LEFT -> from == LeadStatus.MEETING_SCHEDULED ? LeadStatus.CONTACTED : from;
            case QUALIFY -> {
                if (from == LeadStatus.QUALIFIED) {
                    throw new IllegalTransition("The lead is already qualified");
                }
                if (!CONTACTED_OR_LATER.contains(from)) {
                    throw new IllegalTransition("Only a contacted lead can be qualified (it is " + from + ")");
                }
                yield LeadStatus.QUALIFIED;
            }
            case WIN -> {
                if (!CONTACTED_OR_LATER.contains(from)) {
                    throw new IllegalTransition("A lead is won after contact with the customer (it is " + from + ")");
                }
                yield LeadStatus.WON;
            }
            case LOSE -> LeadStatus.LOST;
        };
    }

    private static void requireAcknowledged(LeadStatus from, String what) {
        if (!ACKNOWLEDGED_OR_LATER.contains(from)) {
            throw new IllegalTransition("Acknowledge the lead before you " + what + " (it is " + from + ")");
        }
    }
}
