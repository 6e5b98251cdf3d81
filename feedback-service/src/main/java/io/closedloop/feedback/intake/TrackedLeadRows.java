package io.closedloop.feedback.intake;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.closedloop.platform.tx.EntityRows;
import io.closedloop.platform.tx.EntityRows.Field;

/** Every column of {@link TrackedLead}, which only the consumer of lead events writes, as a row. */
final class TrackedLeadRows {

    private static final List<Field<TrackedLead>> FIELDS = List.of(
            Field.of("id", "uuid", l -> l.id, (l, v) -> l.id = (UUID) v),
            Field.of("customer_name", "text", l -> l.customerName, (l, v) -> l.customerName = (String) v),
            Field.of("customer_ref", "text", l -> l.customerRef, (l, v) -> l.customerRef = (String) v),
            Field.of("product", "text", l -> l.product, (l, v) -> l.product = (String) v),
            Field.of("referrer_id", "text", l -> l.referrerId, (l, v) -> l.referrerId = (String) v),
            Field.of("owner_id", "text", l -> l.ownerId, (l, v) -> l.ownerId = (String) v),
            Field.of("team_id", "text", l -> l.teamId, (l, v) -> l.teamId = (String) v),
            Field.of("status", "text", l -> l.status, (l, v) -> l.status = (String) v),
            Field.of("updated_at", "timestamptz", l -> l.updatedAt, (l, v) -> l.updatedAt = (Instant) v));

    static final EntityRows<TrackedLead> ROWS = new EntityRows<>("tracked_lead", TrackedLead.class, TrackedLead::new, FIELDS);

    private TrackedLeadRows() {
    }
}
