package io.closedloop.reporting.scorecard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A scorecard as a spreadsheet row per person: the figures of the JSON answer, flattened (claimed, logged and
 * verified side by side per activity), won value per currency in one cell ("EUR 250000; USD 1000000": never
 * summed across currencies), the kinds of flag raised, and each flag's message with its numbers.
 */
final class ScorecardTable {

    static final List<String> COLUMNS = List.of("rank", "personId", "name", "teamId", "score",
            "callsClaimed", "callsLogged", "callsVerified", "callsRatio",
            "visitsClaimed", "visitsLogged", "visitsVerified", "visitsRatio",
            "meetingsClaimed", "meetingsLogged", "meetingsVerified", "meetingsRatio",
            "claimedContacts", "matchedContacts", "claimedHours", "claimedOvertime",
            "assigned", "acknowledged", "ackMedianSeconds", "firstContacts", "firstContactMedianSeconds",
            "meetingsHeld", "noShows", "won", "wonConfirmed", "lost", "conversion", "wonValue", "slaEscalations",
            "loopsClosed", "loopsConfirmed", "echoes", "lateEchoes", "loopsOverdue",
            "complaintsResolved", "complaintsVerified", "satisfactionAverage", "satisfactionCount", "flags", "flagMessages");

    private ScorecardTable() {
    }

    static List<Object> row(Scorecards.PersonCard card) {
        Figures f = card.figures();
        List<Object> row = new ArrayList<>(Arrays.asList(card.rank(), card.personId(), card.name(), card.teamId(),
                card.score()));
        for (Figures.Effort effort : List.of(f.calls(), f.visits(), f.meetings())) {
            row.addAll(Arrays.asList(effort.claimed(), effort.logged(), effort.verified(), effort.ratio()));
        }
        row.addAll(Arrays.asList(f.claimedContacts(), f.matchedContacts(), f.claimedHours(), f.claimedOvertime(),
                f.assigned(), f.acknowledged(), f.ackMedianSeconds(), f.firstContacts(), f.firstContactMedianSeconds(),
                f.meetingsHeld(), f.noShows(), f.won(), f.wonConfirmed(), f.lost(), f.conversion(), money(f.wonValue()),
                f.slaEscalations(), f.loopsClosed(), f.loopsConfirmed(), f.echoes(), f.lateEchoes(), f.loopsOverdue(),
                f.complaintsResolved(), f.complaintsVerified(), f.satisfactionAverage(), f.satisfactionCount(),
                card.flags().stream().map(flag -> flag.kind().name()).distinct().collect(Collectors.joining("; ")),
                card.flags().stream().map(Flag::message).collect(Collectors.joining(" | "))));
        return row;
    }

    private static String money(Map<String, java.math.BigDecimal> byCurrency) {
        return byCurrency == null ? "" : new TreeMap<>(byCurrency).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().toPlainString()).collect(Collectors.joining("; "));
    }
}
