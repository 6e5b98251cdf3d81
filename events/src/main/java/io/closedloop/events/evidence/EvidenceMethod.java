package io.closedloop.events.evidence;

/**
 * How another source confirms an activity: a telephony call record (with its duration), a calendar event, a geo
 * check-in (with the distance to the customer's place), the customer's own confirmation, or a system of record.
 */
public enum EvidenceMethod {
    CALL_RECORD, CALENDAR_EVENT, GEO_CHECKIN, CUSTOMER_CONFIRMATION, SYSTEM_RECORD
}
