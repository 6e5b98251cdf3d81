package io.closedloop.reporting.evidence;

import java.util.ArrayList;
import java.util.List;

import io.closedloop.events.evidence.ActivityKind;
import io.closedloop.events.evidence.EvidenceMethod;
import io.closedloop.events.evidence.EvidenceRecorded;
import io.closedloop.platform.problem.FieldViolation;

/**
 * What evidence must say, and whether it verifies the activity it is about: a call record of an answered call (long
 * enough), a geo check-in close enough to the customer's place, a calendar event for a meeting. Pure.
 */
public final class EvidenceRules {

    private EvidenceRules() {
    }

    /** The record key evidence is published under: copies of one piece of evidence share a partition. */
    public static String key(EvidenceRecorded e) {
        return e.source() + "/" + e.externalId();
    }

    /** What is wrong with the shape of a piece of evidence (empty when it is acceptable). */
    public static List<FieldViolation> problems(EvidenceRecorded e, String at) {
        List<FieldViolation> problems = new ArrayList<>();
        switch (e.method()) {
            case CALL_RECORD -> {
                if (e.kind() != ActivityKind.CALL) {
                    problems.add(new FieldViolation(at + "kind", "a call record is evidence of a CALL"));
                }
                if (e.durationSeconds() == null || e.durationSeconds() < 0) {
                    problems.add(new FieldViolation(at + "durationSeconds", "is required for a call record, in seconds"));
                }
            }
            case GEO_CHECKIN -> {
                if (e.kind() != ActivityKind.VISIT) {
                    problems.add(new FieldViolation(at + "kind", "a geo check-in is evidence of a VISIT"));
                }
                if (e.distanceMeters() == null || e.distanceMeters() < 0) {
                    problems.add(new FieldViolation(at + "distanceMeters",
                            "is required for a geo check-in: the distance to the customer's place, in meters"));
                }
            }
            case CALENDAR_EVENT -> {
                if (e.kind() != ActivityKind.MEETING) {
                    problems.add(new FieldViolation(at + "kind", "a calendar event is evidence of a MEETING"));
                }
            }
            case CUSTOMER_CONFIRMATION, SYSTEM_RECORD -> {
                // The customer or a system of record may confirm any kind of activity.
            }
        }
        return problems;
    }

    /** Whether the evidence verifies its activity: short rings and far-away check-ins do not. */
    public static boolean counts(EvidenceRecorded e, int minCallSeconds, int maxVisitDistanceMeters) {
        if (!problems(e, "").isEmpty()) {
            return false;
        }
        if (e.method() == EvidenceMethod.CALL_RECORD) {
            return e.durationSeconds() >= minCallSeconds;
        }
        if (e.method() == EvidenceMethod.GEO_CHECKIN) {
            return e.distanceMeters() <= maxVisitDistanceMeters;
        }
        return true;
    }
}
