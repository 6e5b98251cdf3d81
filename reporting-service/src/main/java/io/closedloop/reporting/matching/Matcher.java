package io.closedloop.reporting.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.closedloop.events.evidence.ActivityKind;

/**
 * Matches claimed contacts with evidence: same person (the caller's concern), same customer, same kind, within a
 * window of the claimed time. Each piece of evidence backs at most one claim. Claims are taken in time order, each
 * given the nearest unused evidence (ties to the earlier one), so the result depends only on the two sets. Pure.
 */
public final class Matcher {

    public record Claim(int seq, String customerRef, ActivityKind kind, Instant at) {
    }

    public record Evidence(String source, String externalId, String customerRef, ActivityKind kind, Instant at) {

        String key() {
            return source + '\u0000' + externalId;
        }
    }

    private Matcher() {
    }

    /** The evidence matched to each claim, by claim {@code seq}; unmatched claims are absent. */
    public static Map<Integer, Evidence> match(List<Claim> claims, List<Evidence> evidence, Duration window) {
        Map<Integer, Evidence> matches = new HashMap<>();
        List<Evidence> available = new ArrayList<>(evidence);
        available.sort(Comparator.comparing(Evidence::at).thenComparing(Evidence::key));
        List<Claim> ordered = new ArrayList<>(claims);
        ordered.sort(Comparator.comparing(Claim::at).thenComparingInt(Claim::seq));
        for (Claim claim : ordered) {
            Evidence best = null;
            long bestDistance = Long.MAX_VALUE;
            for (Evidence e : available) {
                if (!e.customerRef().equals(claim.customerRef()) || e.kind() != claim.kind()) {
                    continue;
                }
                long distance = Math.abs(Duration.between(claim.at(), e.at()).toMillis());
                if (distance <= window.toMillis() && distance < bestDistance) {
                    best = e;
                    bestDistance = distance;
                }
            }
            if (best != null) {
                matches.put(claim.seq(), best);
                available.remove(best);
            }
        }
        return matches;
    }
}
