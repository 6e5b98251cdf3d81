package io.closedloop.events.lead;

/**
 * Where a lead stands: new → assigned → acknowledged → contacted → meeting scheduled → qualified → won | lost. WON and
 * LOST are final.
 */
public enum LeadStatus {
    NEW, ASSIGNED, ACKNOWLEDGED, CONTACTED, MEETING_SCHEDULED, QUALIFIED, WON, LOST;

    public boolean isOpen() {
        return this != WON && this != LOST;
    }
}
