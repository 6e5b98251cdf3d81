package io.closedloop.feedback.notification;

/**
 * What a notification is about; webhook subscriptions filter on these names. The {@code loop.*} ones go to initiators
 * (and {@code loop.reminder} to owners, {@code loop.escalation} to managers); the {@code lead.*} ones relay
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
