package io.closedloop.reporting.projection;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventType;
import io.closedloop.events.claim.ClaimSubmitted;
import io.closedloop.events.claim.ClaimedContact;

/**
 * The claimed figures of {@code person_day} and the claimed contacts of {@code claim_contact}: what people report about
 * their own days. A newer version of a day's report replaces the older one's figures and contacts, and the day is
 * matched again ({@link ClaimMatching}).
 */
final class ClaimProjection implements Projection {

    static final Set<EventType<?>> CONSUMES = Set.of(EventCatalog.CLAIM_SUBMITTED);

    private record Day(String personId, LocalDate day) {
    }

    private final Map<Day, ClaimSubmitted> claims = new LinkedHashMap<>();
    private final List<ProjectionBatch.PersonDay> revised = new ArrayList<>();

    @Override
    public void apply(ProjectionBatch batch, Event event) {
        if (!(event.data() instanceof ClaimSubmitted e)) {
            throw new IllegalArgumentException("Not a claim: " + event.data());
        }
        claims.merge(new Day(e.personId(), e.day()), e, (a, n) -> n.version() > a.version() ? n : a);
    }

    /**
     * Before anything of the batch writes person-day rows: takes the lock on each claimant's activities, then has the
     * counters' upsert write (and so lock, in its one order) every day this batch reports claims for, whether or not
     * they turn out newer than what is stored — {@link #flush} writes those rows again.
     */
    void lockDays(Connection c, ProjectionBatch batch) throws SQLException {
        batch.lockPeople(c, claims.keySet().stream().map(Day::personId).toList());
        for (Day day : claims.keySet()) {
            batch.counters.touch(day.personId(), day.day());
        }
    }

    /** The days whose claimed figures and contacts the flush replaced: their contacts are matched again. */
    List<ProjectionBatch.PersonDay> revised() {
        return revised;
    }

    /** After {@link #lockDays} and the counters' flush, which locked the days written here. */
    @Override
    public void flush(Connection c, ProjectionBatch batch) throws SQLException {
        String schema = batch.schema;
        for (ClaimSubmitted claim : claims.values()) {
            boolean newer;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + schema + ".person_day (person_id, day, claim_version, "
                    + "claimed_calls, claimed_visits, claimed_meetings, claimed_hours, claimed_overtime, claimed_contacts) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (person_id, day) DO UPDATE SET claim_version = excluded.claim_version, "
                    + "claimed_calls = excluded.claimed_calls, claimed_visits = excluded.claimed_visits, "
                    + "claimed_meetings = excluded.claimed_meetings, claimed_hours = excluded.claimed_hours, "
                    + "claimed_overtime = excluded.claimed_overtime, claimed_contacts = excluded.claimed_contacts, "
                    // Matched again below; a revision without contacts has none matched (no claimed contact to match).
                    + "matched_contacts = 0 "
                    + "WHERE person_day.claim_version < excluded.claim_version RETURNING 1")) {
                s.setString(1, claim.personId());
                s.setDate(2, Date.valueOf(claim.day()));
                s.setInt(3, claim.version());
                s.setInt(4, claim.calls());
                s.setInt(5, claim.visits());
                s.setInt(6, claim.meetings());
                s.setBigDecimal(7, claim.hoursWorked());
                s.setBigDecimal(8, claim.overtimeHours());
                s.setInt(9, claim.contacts().size());
                try (ResultSet rs = s.executeQuery()) {
                    newer = rs.next();
                }
            }
            if (!newer) {
                continue;
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + schema + ".claim_contact WHERE person_id = ? AND day = ?")) {
                delete.setString(1, claim.personId());
                delete.setDate(2, Date.valueOf(claim.day()));
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + schema + ".claim_contact (person_id, day, seq, "
                    + "customer_ref, kind, at) VALUES (?, ?, ?, ?, ?, ?)")) {
                int seq = 0;
                for (ClaimedContact contact : claim.contacts()) {
                    insert.setString(1, claim.personId());
                    insert.setDate(2, Date.valueOf(claim.day()));
                    insert.setInt(3, seq++);
                    insert.setString(4, contact.customerRef());
                    insert.setString(5, contact.kind().name());
                    insert.setTimestamp(6, Timestamp.from(contact.at()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            revised.add(new ProjectionBatch.PersonDay(claim.personId(), claim.day()));
        }
    }
}
