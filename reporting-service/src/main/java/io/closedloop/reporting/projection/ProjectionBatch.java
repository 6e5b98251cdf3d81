package io.closedloop.reporting.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

import io.closedloop.reporting.ReportingConfig;

/**
 * What the read models of one batch share: the schema they write, the reporting day of an instant, the person-day
 * counters every model adds to, the days whose claimed contacts must be matched again, and the live observer.
 */
final class ProjectionBatch {

    /** A person's reporting day. */
    record PersonDay(String personId, LocalDate day) {
    }

    final String schema;
    final ReportingConfig config;
    final ReadModelProjector.Observer observer;
    final PersonDayCounters counters = new PersonDayCounters();
    final Set<PersonDay> rematch = new LinkedHashSet<>();
    private final Set<String> locked = new HashSet<>();
    private final ZoneId zone;

    ProjectionBatch(String schema, ReportingConfig config, ZoneId zone, ReadModelProjector.Observer observer) {
        this.schema = ReadModel.checked(schema);
        this.config = config;
        this.zone = zone;
        this.observer = observer;
    }

    LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    void count(String personId, Instant at, PersonDayCounters.Counter counter, long delta) {
        counters.add(personId, day(at), counter, delta);
    }

    /**
     * Holds, to the end of the transaction, the lock on each person's activities and claims. Consumers of different
     * topics run side by side: one groups a person's evidence and matches their claims while another may add to
     * either, and each must see the other's work, not half of it. Locks are taken in one order within a call, and a
     * deadlock between batches is retried like any contended lock.
     */
    void lockPeople(Connection c, Collection<String> people) throws SQLException {
        TreeSet<String> wanted = new TreeSet<>();
        for (String person : people) {
            if (person != null && !locked.contains(person)) {
                wanted.add(person);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended('activities:' || p, 0)) "
                + "FROM (SELECT p FROM unnest(?::text[]) p ORDER BY 1) people")) {
            s.setArray(1, c.createArrayOf("text", wanted.toArray(String[]::new)));
            s.executeQuery().close();
        }
        locked.addAll(wanted);
    }
}
