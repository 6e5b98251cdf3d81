package io.closedloop.leads.lead;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.closedloop.leads.settings.Json;
import io.closedloop.platform.tx.TransactionWrites;
import io.closedloop.platform.tx.TransactionWrites.Column;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Writes a lead's history in the transaction of each change, with the transaction's other derived rows in one
 * statement before it commits ({@link TransactionWrites}).
 */
@ApplicationScoped
public class History {

    /** The actor of what the service does by itself: routing, reminders, escalations, timers. */
    public static final String SYSTEM = "system";

    static final TransactionWrites.Table TABLE = TransactionWrites.Table.of("lead_history",
            Column.of("lead_id", "uuid"), Column.of("at", "timestamptz"), Column.of("actor", "text"),
            Column.of("action", "text"), Column.of("reason", "text"), Column.of("details", "jsonb"));

    private final TransactionWrites writes;
    private final Clock clock;

    History(TransactionWrites writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID leadId, String actor, String action, String reason, Object... detailPairs) {
        String details = null;
        if (detailPairs.length > 0) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i + 1 < detailPairs.length; i += 2) {
                if (detailPairs[i + 1] != null) {
                    values.put(String.valueOf(detailPairs[i]), detailPairs[i + 1]);
                }
            }
            details = Json.write(values);
        }
        writes.insert(TABLE, leadId, clock.instant(), actor, action, reason, details);
    }
}
