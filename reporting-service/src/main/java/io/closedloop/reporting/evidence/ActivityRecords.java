package io.closedloop.reporting.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.closedloop.events.evidence.ActivityKind;
import io.closedloop.events.evidence.EvidenceRecorded;
import io.closedloop.events.lead.ContactAttempted;
import io.closedloop.events.lead.ContactChannel;
import io.closedloop.events.lead.LeadLost;
import io.closedloop.events.lead.LeadWon;
import io.closedloop.events.lead.MeetingHeld;
import io.closedloop.events.loop.EchoSource;
import io.closedloop.events.loop.LoopConfirmed;
import io.closedloop.events.loop.LoopEchoed;

/**
 * What each source of activity records becomes, and how far it is trusted ({@link Trust}): every place a record of
 * calls, visits, meetings, echoes or outcomes comes from is here, in one list. Pure.
 */
public final class ActivityRecords {

    /** Methods of the records derived from the services' events (integrators' methods are EvidenceMethod's). */
    public static final String RECORDED_BY_OWNER = "RECORDED_BY_OWNER";
    public static final String RECORDED_FOR_OWNER = "RECORDED_FOR_OWNER";
    public static final String CONFIRMED_BY_INITIATOR = "CONFIRMED_BY_INITIATOR";

    private ActivityRecords() {
    }

    /** Evidence an integrator gave, its source already normalised and checked against its bindings. */
    public static ActivityRecord integrator(EvidenceRecorded e, String canonicalSource, String integrator,
                                            int minCallSeconds, int maxVisitDistanceMeters) {
        // A system of record is independent of the person it reports on, unless it is that person (a token holding
        // the integrator role that names its own subject).
        Trust trust = integrator != null && integrator.equals(e.personId()) ? Trust.LOGGED : Trust.VERIFIED;
        EvidenceRecorded canonical = new EvidenceRecorded(canonicalSource, e.externalId(), e.personId(), e.customerRef(),
                e.kind(), e.method(), e.occurredAt(), e.durationSeconds(), e.distanceMeters(), e.note(), e.recordedBy());
        return new ActivityRecord(canonicalSource, e.externalId(), e.personId(), e.customerRef(), e.kind(),
                e.method().name(), e.occurredAt(), e.durationSeconds(), e.distanceMeters(),
                EvidenceRules.counts(canonical, minCallSeconds, maxVisitDistanceMeters), trust, integrator, null);
    }

    /** A reached phone call or visit logged on a lead: the owner's own log, unless a manager recorded it for them. */
    public static Optional<ActivityRecord> contact(ContactAttempted e) {
        ActivityKind kind = e.channel() == ContactChannel.PHONE ? ActivityKind.CALL
                : e.channel() == ContactChannel.VISIT ? ActivityKind.VISIT : null;
        if (!e.reached() || kind == null) {
            return Optional.empty();
        }
        String recordedBy = e.recordedBy() != null ? e.recordedBy() : e.ownerId();
        return Optional.of(derived(SourceNames.LEADS, "contact:" + e.attemptId(), e.ownerId(), e.customerRef(), kind,
                e.attemptedAt(), recordedBy, null));
    }

    /** A meeting marked held: the owner's word, unless a manager recorded it. */
    public static ActivityRecord meeting(MeetingHeld e) {
        return derived(SourceNames.LEADS, "meeting:" + e.meetingId(), e.ownerId(), e.customerRef(), ActivityKind.MEETING,
                e.startsAt(), e.recordedBy(), null);
    }

    /** A lead won: reported by its owner, unless someone else (their manager, the admin) closed it. */
    public static ActivityRecord outcome(LeadWon e) {
        String owner = e.ownerId() != null ? e.ownerId() : e.closedBy();
        return derived(SourceNames.LEADS, "outcome:" + e.leadId(), owner, e.customerRef(), ActivityKind.OUTCOME,
                e.wonAt(), e.closedBy(), "WON");
    }

    public static ActivityRecord outcome(LeadLost e) {
        String owner = e.ownerId() != null ? e.ownerId() : e.closedBy();
        return derived(SourceNames.LEADS, "outcome:" + e.leadId(), owner, e.customerRef(), ActivityKind.OUTCOME,
                e.lostAt(), e.closedBy(), "LOST");
    }

    /** An echo the owner wrote themselves: logged (automatic echoes are the services' doing, nobody's activity). */
    public static Optional<ActivityRecord> echo(LoopEchoed e) {
        if (e.source() != EchoSource.PERSONAL || e.ownerId() == null) {
            return Optional.empty();
        }
        return Optional.of(derived(SourceNames.FEEDBACK, "echo:" + e.echoId(), e.ownerId(), "loop:" + e.loopId(),
                ActivityKind.ECHO, e.occurredAt(), e.ownerId(), null));
    }

    /**
     * The initiator confirmed they heard the outcome: that verifies the owner's echo, and, on a loop about a lead, the
     * lead's outcome itself (one record per lead, however many of its loops are confirmed).
     */
    public static List<ActivityRecord> confirmation(LoopConfirmed e) {
        List<ActivityRecord> records = new ArrayList<>();
        if (e.ownerId() == null || e.ownerId().equals(e.initiatorId())) {
            return records;
        }
        java.time.Instant told = e.closedAt() != null ? e.closedAt() : e.confirmedAt();
        records.add(confirmed("confirmed:" + e.loopId(), e.ownerId(), "loop:" + e.loopId(), ActivityKind.ECHO, told,
                e.initiatorId()));
        if (e.leadId() != null && e.customerRef() != null && e.closedAt() != null) {
            records.add(confirmed("outcome-confirmed:" + e.leadId(), e.ownerId(), e.customerRef(), ActivityKind.OUTCOME,
                    e.closedAt(), e.initiatorId()));
        }
        return records;
    }

    private static ActivityRecord derived(String source, String id, String person, String customer, ActivityKind kind,
                                          java.time.Instant at, String recordedBy, String outcome) {
        Trust trust = Trust.ofRecord(recordedBy, person);
        return new ActivityRecord(source, id, person, customer, kind,
                trust == Trust.VERIFIED ? RECORDED_FOR_OWNER : RECORDED_BY_OWNER, at, null, null, true, trust,
                recordedBy, outcome);
    }

    private static ActivityRecord confirmed(String id, String person, String customer, ActivityKind kind,
                                            java.time.Instant at, String initiator) {
        return new ActivityRecord(SourceNames.FEEDBACK, id, person, customer, kind, CONFIRMED_BY_INITIATOR, at, null,
                null, true, Trust.ofRecord(initiator, person), initiator, null);
    }
}
