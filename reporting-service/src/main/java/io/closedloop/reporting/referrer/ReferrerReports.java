package io.closedloop.reporting.referrer;

import io.closedloop.platform.export.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.reporting.query.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/** What became of a referrer's referrals, from the lead and loop read models. */
@ApplicationScoped
public class ReferrerReports {

    /** A referral its referrer heard nothing about in time: an open loop with missed echo deadlines, or no echo. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "SilentReferral", description = "A referral whose loop missed its deadlines without an echo")
    public record Silent(UUID leadId, UUID loopId, Instant referredAt, int missedDeadlines, int echoes) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ReferrerReport", description = "What became of a referrer's referrals")
    public record Report(String referrerId, long referralsSent, long acknowledged, Double medianSecondsToAcknowledge,
                         long echoed, long closed, long confirmed, long won, long lost, long open, long leftSilent,
                         List<Silent> silent) implements Table.Tabular {

        /** One row per referral left silent, each with the referrer's totals: the rows a branch head is handed. */
        @Override
        public Table table() {
            List<String> columns = List.of("referrerId", "referralsSent", "acknowledged", "medianSecondsToAcknowledge",
                    "echoed", "closed", "confirmed", "won", "lost", "open", "leftSilent", "silentLeadId",
                    "silentReferredAt", "silentMissedDeadlines", "silentEchoes");
            List<Object> totals = java.util.Arrays.asList(referrerId, referralsSent, acknowledged,
                    medianSecondsToAcknowledge, echoed, closed, confirmed, won, lost, open, leftSilent);
            List<List<Object>> rows = new java.util.ArrayList<>();
            for (Silent one : silent) {
                List<Object> row = new java.util.ArrayList<>(totals);
                row.addAll(java.util.Arrays.asList(one.leadId(), one.referredAt(), one.missedDeadlines(), one.echoes()));
                rows.add(row);
            }
            if (rows.isEmpty()) {
                List<Object> row = new java.util.ArrayList<>(totals);
                row.addAll(java.util.Collections.nCopies(4, null));
                rows.add(row);
            }
            return new Table("referrer-report-" + referrerId, columns, rows);
        }
    }

    private final AgroalDataSource dataSource;

    ReferrerReports(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Report report(String schema, String referrerId) {
        long[] leads = Sql.list(dataSource, "SELECT count(*), count(acknowledged_at), count(*) FILTER (WHERE status = 'WON'), "
                        + "count(*) FILTER (WHERE status = 'LOST'), count(*) FILTER (WHERE status NOT IN ('WON', 'LOST')) "
                        + "FROM " + schema + ".lead_fact WHERE referrer_id = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)}, referrerId).getFirst();
        Double median = Sql.list(dataSource, "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "
                        + "acknowledged_at - received_at)) FROM " + schema + ".lead_fact WHERE referrer_id = ? AND acknowledged_at IS NOT NULL",
                rs -> Sql.doubleOrNull(rs, 1), referrerId).getFirst();
        long[] loops = Sql.list(dataSource, "SELECT count(*) FILTER (WHERE echoes > 0), count(closed_at), count(confirmed_at) "
                        + "FROM " + schema + ".loop_fact WHERE initiator_id = ? AND kind = 'REFERRAL'",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, referrerId).getFirst();
        List<Silent> silent = Sql.list(dataSource, "SELECT lead_id, loop_id, opened_at, overdue, echoes FROM " + schema
                        + ".loop_fact WHERE initiator_id = ? AND kind = 'REFERRAL' AND closed_at IS NULL "
                        + "AND overdue > 0 ORDER BY opened_at LIMIT 200",
                rs -> new Silent(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        rs.getInt(4), rs.getInt(5)), referrerId);
        return new Report(referrerId, leads[0], leads[1], median == null ? null : (double) Math.round(median), loops[0],
                loops[1], loops[2], leads[2], leads[3], leads[4], silent.size(), silent);
    }
}
