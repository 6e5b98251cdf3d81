package io.closedloop.leads.lead;

/** Where a lead stands. WON and LOST are final. */
public enum LeadStatus {
    NEW, ASSIGNED, ACKNOWLEDGED, CONTACTED, MEETING_SCHEDULED, QUALIFIED, WON, LOST;

    public boolean isOpen() {
        return this != WON && this != LOST;
    }
}
