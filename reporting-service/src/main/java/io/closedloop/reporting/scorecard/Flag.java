package io.closedloop.reporting.scorecard;

import java.util.List;
import java.util.Map;

/**
 * Something the numbers say about a person that a manager should look at, with the numbers behind it and links to
 * the evidence.
 */
public record Flag(Kind kind, String message, Map<String, Object> numbers, List<String> links) {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "FlagKind")
    public enum Kind { INFLATED_CLAIMS, EFFORT_WITHOUT_RESULTS, SLOW_RECEIPT, SILENT_LOOPS }
}
