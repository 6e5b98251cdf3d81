package io.closedloop.reporting.projection;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.closedloop.events.evidence.ActivityKind;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.matching.Matcher;

/**
 * Matches each claimed contact of the days a batch touched against the person's verified activities (see
 * {@link Matcher}): an activity backs at most one claim, and only a verified one backs any. Writes which activity
 * backs each claim and the day's matched count.
 */
final class ClaimMatching {

    private ClaimMatching() {
    }

    /**
     * Matches {@code withClaims} (what {@link #withClaims} found before the batch's claims were written) and the days
     * whose claims the batch {@code revised}, each once.
     */
    static void rematch(Connection c, ProjectionBatch b, List<ProjectionBatch.PersonDay> withClaims,
                        List<ProjectionBatch.PersonDay> revised) throws SQLException {
        Set<ProjectionBatch.PersonDay> days = new LinkedHashSet<>(withClaims);
        days.addAll(revised);
        match(c, b.schema, b.config.matching().window(), List.copyOf(days));
    }

    /** Matches every day with claimed contacts: the last step of a bulk load, which matches nothing on the way. */
    static void matchAll(Connection c, String schema, ReportingConfig config) throws SQLException {
        List<ProjectionBatch.PersonDay> days = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT person_id, day FROM " + ReadModel.checked(schema)
                + ".claim_contact"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                days.add(new ProjectionBatch.PersonDay(rs.getString(1), rs.getDate(2).toLocalDate()));
            }
        }
        match(c, schema, config.matching().window(), days);
    }

    private static void match(Connection c, String schema, Duration window, List<ProjectionBatch.PersonDay> days)
            throws SQLException {
        for (ProjectionBatch.PersonDay key : days) {
            String person = key.personId();
            LocalDate day = key.day();
            List<Matcher.Claim> claimed = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT seq, customer_ref, kind, at FROM " + schema
                    + ".claim_contact WHERE person_id = ? AND day = ?")) {
                s.setString(1, person);
                s.setDate(2, Date.valueOf(day));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new Matcher.Claim(rs.getInt(1), rs.getString(2), ActivityKind.valueOf(rs.getString(3)),
                                rs.getTimestamp(4).toInstant()));
                    }
                }
            }
            if (claimed.isEmpty()) {
                continue;
            }
            Instant from = claimed.stream().map(Matcher.Claim::at).min(Instant::compareTo).orElseThrow().minus(window);
            Instant to = claimed.stream().map(Matcher.Claim::at).max(Instant::compareTo).orElseThrow().plus(window);
            List<Matcher.Evidence> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT source, external_id, customer_ref, kind, occurred_at FROM "
                    + schema + ".evidence WHERE person_id = ? AND occurred_at BETWEEN ? AND ? AND first_verified")) {
                s.setString(1, person);
                s.setTimestamp(2, Timestamp.from(from));
                s.setTimestamp(3, Timestamp.from(to));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Matcher.Evidence(rs.getString(1), rs.getString(2), rs.getString(3),
                                ActivityKind.valueOf(rs.getString(4)), rs.getTimestamp(5).toInstant()));
                    }
                }
            }
            Map<Integer, Matcher.Evidence> matches = Matcher.match(claimed, found, window);
            try (PreparedStatement s = c.prepareStatement("UPDATE " + schema + ".claim_contact SET matched_source = ?, "
                    + "matched_id = ? WHERE person_id = ? AND day = ? AND seq = ?")) {
                for (Matcher.Claim claim : claimed) {
                    Matcher.Evidence e = matches.get(claim.seq());
                    s.setString(1, e == null ? null : e.source());
                    s.setString(2, e == null ? null : e.externalId());
                    s.setString(3, person);
                    s.setDate(4, Date.valueOf(day));
                    s.setInt(5, claim.seq());
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE " + schema + ".person_day SET matched_contacts = ? "
                    + "WHERE person_id = ? AND day = ?")) {
                s.setInt(1, matches.size());
                s.setString(2, person);
                s.setDate(3, Date.valueOf(day));
                s.executeUpdate();
            }
        }
    }

    /**
     * The days to match again that have claimed contacts at all, in one statement: evidence arrives for every day of
     * everyone, claims for few, and asking day by day cost a query per piece of evidence (the replay benchmark spent
     * most of its time there).
     */
    static List<ProjectionBatch.PersonDay> withClaims(Connection c, ProjectionBatch b) throws SQLException {
        if (b.rematch.isEmpty()) {
            return List.of();
        }
        String[] people = new String[b.rematch.size()];
        Date[] days = new Date[b.rematch.size()];
        int i = 0;
        for (ProjectionBatch.PersonDay key : b.rematch) {
            people[i] = key.personId();
            days[i] = Date.valueOf(key.day());
            i++;
        }
        Set<ProjectionBatch.PersonDay> claimed = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT k.person_id, k.day FROM unnest(?::text[], ?::date[]) "
                + "AS k(person_id, day) WHERE EXISTS (SELECT 1 FROM " + b.schema + ".claim_contact cc "
                + "WHERE cc.person_id = k.person_id AND cc.day = k.day)")) {
            s.setArray(1, c.createArrayOf("text", people));
            s.setArray(2, c.createArrayOf("date", days));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ProjectionBatch.PersonDay(rs.getString(1), rs.getDate(2).toLocalDate()));
                }
            }
        }
        return b.rematch.stream().filter(claimed::contains).toList();
    }
}
