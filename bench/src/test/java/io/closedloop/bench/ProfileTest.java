package io.closedloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfileTest {

    @Test
    void numbered_threads_of_one_pool_are_one_group() {
        assertThat(Profile.group("executor-thread-12")).isEqualTo("executor-thread");
        assertThat(Profile.group("vert.x-eventloo")).isEqualTo("vert.x-eventloo");
        assertThat(Profile.group("C1 CompilerThre")).isEqualTo("C1 CompilerThre");
        assertThat(Profile.group("GC Thread#3")).isEqualTo("GC Thread");
    }

    @Test
    void a_thread_named_only_by_a_number_keeps_its_name() {
        assertThat(Profile.group("42")).isEqualTo("42");
    }
}
