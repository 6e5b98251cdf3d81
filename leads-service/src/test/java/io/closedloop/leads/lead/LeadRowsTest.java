package io.closedloop.leads.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import io.closedloop.platform.tx.TransactionWrites;
import jakarta.persistence.Column;
import org.junit.jupiter.api.Test;

class LeadRowsTest {

    /** The columns Hibernate maps for the entity: a field's {@code @Column} name, or its own name. */
    private static List<String> entityColumns() {
        return Arrays.stream(Lead.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()))
                .filter(f -> !f.getName().startsWith("$$_hibernate"))
                .map(LeadRowsTest::column).sorted().toList();
    }

    private static String column(Field field) {
        Column column = field.getAnnotation(Column.class);
        return column != null && !column.name().isEmpty() ? column.name() : field.getName();
    }

    @Test
    void the_intake_row_writes_every_column_of_the_entity() {
        assertThat(LeadRows.TABLE.columns().stream().map(TransactionWrites.Column::name).sorted().toList())
                .isEqualTo(entityColumns())
                .hasSizeGreaterThan(30);
    }

    @Test
    void a_lead_already_stored_is_never_written_as_a_new_row() {
        Lead lead = new Lead();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> rowsWhereArriving(false).write(lead)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_lead_being_taken_in_is_never_written_as_an_update() {
        Lead lead = new Lead();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> rowsWhereArriving(true).update(lead)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(lead.version).isZero();
    }

    private static LeadRows rowsWhereArriving(boolean arriving) {
        return new LeadRows(null, new LeadsInTransaction(null) {
            @Override
            public boolean isArriving(Lead l) {
                return arriving;
            }
        }, null);
    }
}
