package io.closedloop.events.lead;

/** Where a lead came from. A referral always names its referrer. */
public enum LeadSource {
    REFERRAL, INBOUND, PARTNER, EXISTING_CUSTOMER
}
