package io.closedloop.feedback.notification;

/**
 * What a notification is about; webhook subscriptions filter on these names. The {@code loop.*} ones go to initiators
 * (and {@code loop.reminder} to owners, {@code loop.escalation} to managers); {@code loop.lead-escalated} and
 * {@code loop.lead-reassigned} tell an initiator that the lead behind their loop was dropped: its deadline missed and
 * its owner's manager told, or the lead taken from its owner and who has it now. The {@code lead.*} ones relay
 * leads-service's SLA notices to the person they concern.
 */
public enum NotificationType {
    LOOP_OPENED("loop.opened"),
    LOOP_RECEIPT("loop.receipt"),
    LOOP_PROGRESS("loop.progress"),
    LOOP_OUTCOME("loop.outcome"),
    LOOP_LATE("loop.late"),
    LOOP_REMINDER("loop.reminder"),
    LOOP_ESCALATION("loop.escalation"),
    LOOP_LEAD_ESCALATED("loop.lead-escalated"),
    LOOP_LEAD_REASSIGNED("loop.lead-reassigned"),
    LEAD_REMINDER("lead.reminder"),
    LEAD_ESCALATION("lead.escalation"),
    LEAD_QUEUED("lead.queued"),
    MEETING_CONFIRMATION("lead.meeting-confirmation"),
    STEP_OVERDUE("lead.step-overdue"),
    COMPLAINT("complaint.update"),
    SUBSCRIPTION_SUSPENDED("subscription.suspended");

    private final String wireName;

    NotificationType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static boolean isKnown(String wireName) {
        for (NotificationType type : values()) {
            if (type.wireName.equals(wireName)) {
                return true;
            }
        }
        return false;
    }
}
