package io.closedloop.reporting.discrepancy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.agroal.api.AgroalDataSource;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.query.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/** Claimed contacts no evidence backs, each with what was looked for. */
@ApplicationScoped
public class Discrepancies {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "UnmatchedClaim", description = "A claimed contact that no evidence backs")
    public record Unmatched(String personId, LocalDate day, String customerRef, String kind, Instant claimedAt,
                            String lookedFor) {
    }

    private final AgroalDataSource dataSource;
    private final Duration window;

    Discrepancies(AgroalDataSource dataSource, ReportingConfig config) {
        this.dataSource = dataSource;
        this.window = config.matching().window();
    }

    public List<Unmatched> unmatched(String schema, List<String> people, LocalDate from, LocalDate to) {
        if (people.isEmpty()) {
            return List.of();
        }
        return Sql.list(dataSource, "SELECT person_id, day, customer_ref, kind, at FROM " + schema + ".claim_contact "
                        + "WHERE person_id = ANY (?) AND day BETWEEN ? AND ? AND matched_id IS NULL ORDER BY person_id, at LIMIT 1000",
                rs -> {
                    Instant at = rs.getTimestamp(5).toInstant();
                    String person = rs.getString(1);
                    String kind = rs.getString(4);
                    return new Unmatched(person, rs.getObject(2, LocalDate.class), rs.getString(3), kind, at,
                            "evidence of a " + kind + " by " + person + " with " + rs.getString(3) + " between "
                                    + HOUR.format(at.minus(window)) + " and " + HOUR.format(at.plus(window)));
                }, people.toArray(String[]::new), from, to);
    }
}
