package io.closedloop.platform.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.closedloop.platform.tx.EntityRows.Field;
import jakarta.persistence.Column;
import jakarta.persistence.Transient;
import org.junit.jupiter.api.Test;

class EntityRowsTest {

    /** Shaped like the services' entities: public fields, some named by {@code @Column}. */
    static class Parcel {
        static final String NOT_A_COLUMN = "static";

        public UUID id;

        @Column(name = "sent_at")
        public Instant sentAt;

        public int weight;

        @Transient
        public String note;

        transient String cache;
    }

    private static final Field<Parcel> ID = Field.of("id", "uuid", p -> p.id, (p, v) -> p.id = (UUID) v);
    private static final Field<Parcel> SENT_AT = Field.of("sent_at", "timestamptz", p -> p.sentAt,
            (p, v) -> p.sentAt = (Instant) v);
    private static final Field<Parcel> WEIGHT = Field.of("weight", "integer", p -> p.weight,
            (p, v) -> p.weight = (Integer) v);

    @Test
    void the_fields_name_exactly_the_columns_the_entity_maps() {
        EntityRows<Parcel> rows = new EntityRows<>("parcel", Parcel.class, Parcel::new, List.of(ID, SENT_AT, WEIGHT));

        assertThat(rows.columns()).isEqualTo("id, sent_at, weight");
        assertThat(rows.table().name()).isEqualTo("parcel");
        assertThat(rows.table().columns()).extracting(TransactionWrites.Column::type)
                .containsExactly("uuid", "timestamptz", "integer");
    }

    @Test
    void a_column_the_entity_maps_and_the_fields_leave_out_fails_at_once() {
        assertThatThrownBy(() -> new EntityRows<>("parcel", Parcel.class, Parcel::new, List.of(ID, WEIGHT)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[id, weight]")
                .hasMessageContaining("[id, sent_at, weight]");
    }

    @Test
    void a_field_the_entity_does_not_map_fails_at_once() {
        Field<Parcel> note = Field.of("note", "text", p -> p.note, (p, v) -> p.note = (String) v);
        assertThatThrownBy(() -> new EntityRows<>("parcel", Parcel.class, Parcel::new,
                List.of(ID, SENT_AT, WEIGHT, note)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void values_follow_the_fields_order() {
        EntityRows<Parcel> rows = new EntityRows<>("parcel", Parcel.class, Parcel::new, List.of(ID, SENT_AT, WEIGHT));
        Parcel parcel = new Parcel();
        parcel.id = UUID.randomUUID();
        parcel.sentAt = Instant.parse("2026-12-07T08:00:00Z");
        parcel.weight = 7;

        assertThat(rows.values(parcel)).containsExactly(parcel.id, parcel.sentAt, 7);
    }
}
