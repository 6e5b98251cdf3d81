package io.closedloop.leads.access;

import static io.closedloop.leads.access.LeadAccess.View.FULL;
import static io.closedloop.leads.access.LeadAccess.View.NONE;
import static io.closedloop.leads.access.LeadAccess.View.REFERRER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import io.closedloop.platform.security.Caller;
import org.junit.jupiter.api.Test;

class LeadAccessTest {

    private static LeadAccess.Viewer viewer(String id, String team, Set<String> manages, String... roles) {
        return new LeadAccess.Viewer(new Caller(id, Set.of(roles)), team, manages);
    }

    private static final LeadAccess.LeadFacts OWNED = new LeadAccess.LeadFacts("ann", "paris", "bea", Set.of());
    private static final LeadAccess.LeadFacts QUEUED = new LeadAccess.LeadFacts(null, "paris", "bea", Set.of());
    private static final LeadAccess.LeadFacts HANDED_OVER = new LeadAccess.LeadFacts("bob", "paris", null, Set.of("ann"));

    @Test
    void admins_see_all_managers_their_teams_agents_their_own_and_their_teams_queue() {
        assertThat(LeadAccess.view(viewer("root", null, Set.of(), "admin"), OWNED)).isEqualTo(FULL);
        assertThat(LeadAccess.view(viewer("max", "paris", Set.of("paris"), "manager"), OWNED)).isEqualTo(FULL);
        assertThat(LeadAccess.view(viewer("mia", "lyon", Set.of("lyon"), "manager"), OWNED)).isEqualTo(NONE);
        assertThat(LeadAccess.view(viewer("ann", "paris", Set.of(), "agent"), OWNED)).isEqualTo(FULL);
        assertThat(LeadAccess.view(viewer("bob", "paris", Set.of(), "agent"), OWNED)).isEqualTo(NONE);
        assertThat(LeadAccess.view(viewer("bob", "paris", Set.of(), "agent"), QUEUED)).isEqualTo(FULL);
        assertThat(LeadAccess.view(viewer("zoe", "lyon", Set.of(), "agent"), QUEUED)).isEqualTo(NONE);
    }

    @Test
    void whoever_handed_a_lead_over_keeps_sight_of_it_while_their_check_back_is_open() {
        assertThat(LeadAccess.view(viewer("ann", "paris", Set.of(), "agent"), HANDED_OVER)).isEqualTo(FULL);
        assertThat(LeadAccess.mayWork(viewer("ann", "paris", Set.of(), "agent"), HANDED_OVER)).isFalse();
    }

    @Test
    void a_referrer_sees_only_what_they_referred_and_only_the_referrer_view() {
        assertThat(LeadAccess.view(viewer("bea", null, Set.of(), "referrer"), OWNED)).isEqualTo(REFERRER);
        assertThat(LeadAccess.view(viewer("someone", null, Set.of(), "referrer"), OWNED)).isEqualTo(NONE);
        assertThat(LeadAccess.mayWork(viewer("bea", null, Set.of(), "referrer"), OWNED)).isFalse();
    }

    @Test
    void owners_and_their_managers_work_a_lead_others_do_not() {
        assertThat(LeadAccess.mayWork(viewer("ann", "paris", Set.of(), "agent"), OWNED)).isTrue();
        assertThat(LeadAccess.mayWork(viewer("max", "paris", Set.of("paris"), "manager"), OWNED)).isTrue();
        assertThat(LeadAccess.mayWork(viewer("bob", "paris", Set.of(), "agent"), QUEUED)).isFalse();
        assertThat(LeadAccess.mayWork(viewer("root", null, Set.of(), "admin"), QUEUED)).isTrue();
    }
}
