package io.closedloop.reporting.client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.reporting.query.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * "Tomorrow, or never": what followed each urgency a client claimed. KEPT when a meeting was held, NO_SHOW when they
 * did not come to any, SILENT when the lead closed without a meeting held, PENDING while it is open and nothing
 * happened yet. Reliability is KEPT over the claims that are not pending.
 */
@ApplicationScoped
public class UrgencyReports {

    public enum Verdict { KEPT, NO_SHOW, SILENT, PENDING }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "UrgencyClaim", description = "One time the client said it was urgent, and what came of it")
    public record Claim(UUID leadId, String statement, Instant demandedBy, Instant receivedAt, int meetingsScheduled,
                        int meetingsHeld, int noShows, Instant firstMeetingHeldAt, int contactsReached, String status,
                        Verdict verdict) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ClientUrgencyReport", description = "How reliable a client's urgency claims have been")
    public record Report(String customerRef, int urgencyClaims, int kept, int noShow, int silent, int pending,
                         Double reliability, List<Claim> claims) {
    }

    private final AgroalDataSource dataSource;

    UrgencyReports(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Report report(String schema, String customerRef) {
        List<Claim> claims = Sql.list(dataSource, "SELECT lead_id, urgency_statement, urgency_demanded_by, received_at, "
                        + "meetings_scheduled, meetings_held, no_shows, first_meeting_held_at, contacts_reached, status FROM "
                        + schema + ".lead_fact WHERE customer_ref = ? AND urgency_claimed ORDER BY received_at",
                rs -> {
                    int held = rs.getInt(6);
                    int noShows = rs.getInt(7);
                    String status = rs.getString(10);
                    Verdict verdict = held > 0 ? Verdict.KEPT : noShows > 0 ? Verdict.NO_SHOW
                            : ("WON".equals(status) || "LOST".equals(status)) ? Verdict.SILENT : Verdict.PENDING;
                    return new Claim(rs.getObject(1, UUID.class), rs.getString(2), instant(rs.getTimestamp(3)),
                            instant(rs.getTimestamp(4)), rs.getInt(5), held, noShows, instant(rs.getTimestamp(8)),
                            rs.getInt(9), status, verdict);
                }, customerRef);
        int kept = count(claims, Verdict.KEPT);
        int noShow = count(claims, Verdict.NO_SHOW);
        int silent = count(claims, Verdict.SILENT);
        int pending = count(claims, Verdict.PENDING);
        int decided = kept + noShow + silent;
        return new Report(customerRef, claims.size(), kept, noShow, silent, pending,
                decided == 0 ? null : Math.round(kept * 1000.0 / decided) / 1000.0, claims);
    }

    private static int count(List<Claim> claims, Verdict verdict) {
        return (int) claims.stream().filter(c -> c.verdict() == verdict).count();
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
