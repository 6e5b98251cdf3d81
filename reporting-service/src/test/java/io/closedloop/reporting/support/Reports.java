package io.closedloop.reporting.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies of the claims and evidence endpoints, as JSON maps. */
public final class Reports {

    private Reports() {
    }

    public static Map<String, Object> daily(int calls, int visits, int meetings, String hours, String overtime,
                                            List<Map<String, Object>> contacts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("calls", calls);
        body.put("visits", visits);
        body.put("meetings", meetings);
        body.put("hoursWorked", new java.math.BigDecimal(hours));
        body.put("overtimeHours", new java.math.BigDecimal(overtime));
        body.put("contacts", contacts);
        return body;
    }

    public static Map<String, Object> contact(String customer, String kind, Instant at) {
        return Map.of("customerRef", customer, "kind", kind, "at", at.toString());
    }

    public static Map<String, Object> evidence(String source, String externalId, String person, String customer, String kind,
                                               String method, Instant at, Integer durationSeconds, Integer distanceMeters) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("source", source);
        item.put("externalId", externalId);
        item.put("personId", person);
        item.put("customerRef", customer);
        item.put("kind", kind);
        item.put("method", method);
        item.put("occurredAt", at.toString());
        if (durationSeconds != null) {
            item.put("durationSeconds", durationSeconds);
        }
        if (distanceMeters != null) {
            item.put("distanceMeters", distanceMeters);
        }
        return item;
    }

    public static Map<String, Object> call(String externalId, String person, String customer, Instant at, int seconds) {
        return evidence("telephony", externalId, person, customer, "CALL", "CALL_RECORD", at, seconds, null);
    }

    public static Map<String, Object> checkIn(String externalId, String person, String customer, Instant at, int meters) {
        return evidence("geo", externalId, person, customer, "VISIT", "GEO_CHECKIN", at, null, meters);
    }

    public static Map<String, Object> calendar(String externalId, String person, String customer, Instant at) {
        return evidence("calendar", externalId, person, customer, "MEETING", "CALENDAR_EVENT", at, null, null);
    }

    public static Map<String, Object> batch(List<Map<String, Object>> items) {
        return Map.of("items", new ArrayList<>(items));
    }
}
