package io.closedloop.feedback.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import io.closedloop.platform.security.Caller;
import org.junit.jupiter.api.Test;

class LoopAccessTest {

    @Test
    void initiators_owners_their_managers_and_admins_see_a_loop_nobody_else() {
        Set<String> manages = Set.of("paris");
        assertThat(LoopAccess.maySee(new Caller("bea", Set.of("referrer")), Set.of(), "bea", "amy", "paris")).isTrue();
        assertThat(LoopAccess.maySee(new Caller("amy", Set.of("agent")), Set.of(), "bea", "amy", "paris")).isTrue();
        assertThat(LoopAccess.maySee(new Caller("max", Set.of("manager")), manages, "bea", "amy", "paris")).isTrue();
        assertThat(LoopAccess.maySee(new Caller("max", Set.of("manager")), manages, "bea", "amy", "lyon")).isFalse();
        assertThat(LoopAccess.maySee(new Caller("zoe", Set.of("agent")), Set.of(), "bea", "amy", "paris")).isFalse();
        assertThat(LoopAccess.maySee(new Caller("root", Set.of("admin")), Set.of(), "bea", "amy", "paris")).isTrue();
    }
}
