package io.closedloop.platform.inbox;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.Test;

class ContractCheckTest {

    record Inner(@NotNull String required, String optional) {
    }

    record Outer(@NotNull String id, Inner inner, List<Inner> items) {
    }

    @Test
    void complete_data_passes() {
        assertThatCode(() -> ContractCheck.requireComplete(
                new Outer("1", new Inner("x", null), List.of(new Inner("y", null))), "t")).doesNotThrowAnyException();
    }

    @Test
    void a_missing_required_field_is_named_by_its_path_nested_records_and_lists_included() {
        assertThatThrownBy(() -> ContractCheck.requireComplete(new Outer(null, null, null), "t"))
                .isInstanceOf(PoisonEventException.class).hasMessage("Data of t lacks required field id");
        assertThatThrownBy(() -> ContractCheck.requireComplete(new Outer("1", new Inner(null, "o"), null), "t"))
                .hasMessage("Data of t lacks required field inner.required");
        assertThatThrownBy(() -> ContractCheck.requireComplete(
                new Outer("1", null, List.of(new Inner("a", null), new Inner(null, null))), "t"))
                .hasMessage("Data of t lacks required field items[1].required");
    }
}
