package io.closedloop.reporting.evidence;

/**
 * How far a record of an activity can be believed, the one rule every figure of verified effort and outcomes rests on:
 * <ul>
 *   <li><b>VERIFIED</b> — it comes from a source independent of the person judged: a system of record whose integrator
 *       identity is bound to that source name (telephony, calendar, geo check-ins, a loan or order system, a customer
 *       survey); or another person with the authority to confirm it — the owner's manager or the admin recording it
 *       for them (leads-service lets nobody else record work on someone's lead), or the loop's initiator confirming
 *       the outcome they were told (feedback-service lets nobody else confirm).</li>
 *   <li><b>LOGGED</b> — the person judged recorded it about their own work: contact attempts, meetings marked held,
 *       outcomes, echoes they wrote. It is shown, never counted as verified.</li>
 * </ul>
 * What a person reports in their daily report is a third thing, a <i>claim</i>, kept apart from both. Pure.
 */
public enum Trust {
    LOGGED, VERIFIED;

    /** A fact recorded by {@code recordedBy} about {@code personJudged}'s work. */
    public static Trust ofRecord(String recordedBy, String personJudged) {
        return recordedBy != null && personJudged != null && !recordedBy.equals(personJudged) ? VERIFIED : LOGGED;
    }
}
