package io.closedloop.reporting.evidence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One activity counts once. A real call can leave a record in the telephony system, in the CRM and in the owner's own
 * log: records of the same person, customer and kind from <i>different</i> sources within the window of each other are
 * one activity, with all its sources; two records from the same source are two activities (the telephony system saw
 * two calls). So verified figures never exceed what happened, however many systems report it.
 *
 * <p>Records are taken in time order (then source, then id), each joining the earliest activity that began at most a
 * window before it and has nothing yet from its source, else starting one — so the grouping depends only on the set of
 * records, never on the order they arrived in. An activity is verified by its first VERIFIED record, logged by its first
 * LOGGED one, and a won lead's outcome is confirmed when its activity has a VERIFIED record. Pure.
 */
public final class Activities {

    /** A record as grouping needs it: records of one person, customer and kind, all meeting the standard. */
    public record Member(String source, String externalId, Instant at, Trust trust, boolean won) {

        public String key() {
            return source + '\u0000' + externalId;
        }
    }

    /**
     * What a record counts for: the day of its activity's verification (its first VERIFIED record), of its logging
     * (its first LOGGED record), and of a confirmed win.
     */
    public record Counts(boolean firstVerified, boolean firstLogged, boolean wonConfirmed) {

        public static final Counts NONE = new Counts(false, false, false);
    }

    private static final Comparator<Member> ORDER = Comparator.comparing(Member::at).thenComparing(Member::source)
            .thenComparing(Member::externalId);

    /** {@link #alone}'s answers, by trust and by whether the record is a win: grouped once, read per record. */
    private static final Counts[][] ALONE = new Counts[Trust.values().length][2];

    static {
        for (Trust trust : Trust.values()) {
            for (boolean won : new boolean[] {false, true}) {
                Member member = new Member("", "", Instant.EPOCH, trust, won);
                ALONE[trust.ordinal()][won ? 1 : 0] = group(List.of(member), Duration.ZERO).get(member.key());
            }
        }
    }

    private Activities() {
    }

    /**
     * What a record counts for when it is alone in its activity, as every record is whose person, customer and kind
     * no other source reported (two records of one source are never one activity): a bulk load stages those with it.
     */
    public static Counts alone(Trust trust, boolean won) {
        return ALONE[trust.ordinal()][won ? 1 : 0];
    }

    /** Groups the records of one person, customer and kind, and says what each counts for, by {@link Member#key()}. */
    public static Map<String, Counts> group(List<Member> records, Duration window) {
        List<Member> ordered = new ArrayList<>(records);
        ordered.sort(ORDER);
        List<List<Member>> activities = new ArrayList<>();
        List<Set<String>> sources = new ArrayList<>();
        int firstOpen = 0;
        for (Member record : ordered) {
            Instant earliest = record.at().minus(window);
            while (firstOpen < activities.size() && activities.get(firstOpen).getFirst().at().isBefore(earliest)) {
                firstOpen++;
            }
            int joined = -1;
            for (int i = firstOpen; i < activities.size(); i++) {
                if (!sources.get(i).contains(record.source())) {
                    joined = i;
                    break;
                }
            }
            if (joined < 0) {
                activities.add(new ArrayList<>());
                sources.add(new HashSet<>());
                joined = activities.size() - 1;
            }
            activities.get(joined).add(record);
            sources.get(joined).add(record.source());
        }
        Map<String, Counts> counts = new HashMap<>();
        for (List<Member> activity : activities) {
            boolean verified = activity.stream().anyMatch(m -> m.trust() == Trust.VERIFIED);
            boolean seenVerified = false;
            boolean seenLogged = false;
            for (Member m : activity) {
                boolean firstVerified = m.trust() == Trust.VERIFIED && !seenVerified;
                boolean firstLogged = m.trust() == Trust.LOGGED && !seenLogged;
                seenVerified |= firstVerified;
                seenLogged |= firstLogged;
                counts.put(m.key(), new Counts(firstVerified, firstLogged, m.won() && verified));
            }
        }
        return counts;
    }
}
