package io.closedloop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.closedloop.platform.http.BodyBudget.Reservation;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {

    @Test
    void one_client_cannot_take_more_than_its_share() {
        BodyBudget budget = new BodyBudget(10_000, 4_000);
        assertThat(budget.reserve("10.0.0.1", 3_000)).isEqualTo(Reservation.GRANTED);
        assertThat(budget.reserve("10.0.0.1", 1_001)).isEqualTo(Reservation.CLIENT_SHARE_EXCEEDED);
        assertThat(budget.reserve("10.0.0.1", 1_000)).isEqualTo(Reservation.GRANTED);
        assertThat(budget.reserve("10.0.0.2", 4_000)).as("another client has its own share").isEqualTo(Reservation.GRANTED);
        assertThat(budget.held()).isEqualTo(8_000);
    }

    @Test
    void the_total_bounds_all_clients_together_and_a_refusal_takes_nothing() {
        BodyBudget budget = new BodyBudget(10_000, 4_000);
        budget.reserve("a", 4_000);
        budget.reserve("b", 4_000);
        assertThat(budget.reserve("c", 2_001)).isEqualTo(Reservation.BUDGET_EXCEEDED);
        assertThat(budget.held()).isEqualTo(8_000);
        assertThat(budget.reserve("c", 2_000)).isEqualTo(Reservation.GRANTED);
    }

    @Test
    void released_bytes_can_be_reserved_again_and_a_client_holding_nothing_is_forgotten() {
        BodyBudget budget = new BodyBudget(10_000, 4_000);
        budget.reserve("a", 4_000);
        budget.release("a", 1_000);
        assertThat(budget.reserve("a", 1_000)).isEqualTo(Reservation.GRANTED);
        budget.release("a", 4_000);
        assertThat(budget.held()).isZero();
        assertThat(budget.clients()).isZero();
    }

    @Test
    void giving_back_more_than_was_held_is_a_bug_not_a_credit() {
        BodyBudget budget = new BodyBudget(10_000, 4_000);
        budget.reserve("a", 100);
        assertThatThrownBy(() -> budget.release("a", 101)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new BodyBudget(1_000, 2_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrent_reservations_never_pass_the_bounds() {
        BodyBudget budget = new BodyBudget(100_000, 100_000);
        List<CompletableFuture<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            workers.add(CompletableFuture.supplyAsync(() -> {
                int granted = 0;
                for (int i = 0; i < 10_000; i++) {
                    if (budget.reserve("same", 7) == Reservation.GRANTED) {
                        granted++;
                    }
                }
                return granted;
            }));
        }
        int granted = workers.stream().mapToInt(CompletableFuture::join).sum();
        assertThat(granted).isEqualTo(100_000 / 7);
        assertThat(budget.held()).isEqualTo(granted * 7L);
    }
}
