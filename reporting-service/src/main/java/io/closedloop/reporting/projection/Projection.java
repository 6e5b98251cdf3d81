package io.closedloop.reporting.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.closedloop.platform.inbox.IncomingEvent;

/**
 * One read model's share of a batch: it loads the rows the batch's events touch, applies the events in order in
 * memory, and writes what changed once. A new instance serves each batch.
 */
interface Projection {

    /** An event of the batch with its data read into the contract's record. */
    record Event(IncomingEvent incoming, Object data) {
    }

    /** Reads the rows {@code events} will change, in as few statements as the model allows. */
    default void load(Connection c, ProjectionBatch batch, List<Event> events) throws SQLException {
    }

    /** Applies one event of a type this model consumes. */
    void apply(ProjectionBatch batch, Event event);

    /** Writes what the batch changed. */
    void flush(Connection c, ProjectionBatch batch) throws SQLException;
}
