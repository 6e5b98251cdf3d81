package io.closedloop.leads.access;

import static io.closedloop.leads.access.LeadAccess.View.FULL;
import static io.closedloop.leads.access.LeadAccess.View.NONE;
import static io.closedloop.leads.access.LeadAccess.View.REFERRER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

    @Test
    void the_open_steps_are_needed_only_for_an_agent_the_rest_does_not_already_show_the_lead_to() {
        assertThat(LeadAccess.stepsMatter(viewer("bob", "paris", Set.of(), "agent"), OWNED)).isTrue();
        assertThat(LeadAccess.stepsMatter(viewer("zoe", "lyon", Set.of(), "agent"), QUEUED)).isTrue();
        assertThat(LeadAccess.stepsMatter(viewer("ann", "paris", Set.of(), "agent"), OWNED)).isFalse();
        assertThat(LeadAccess.stepsMatter(viewer("bob", "paris", Set.of(), "agent"), QUEUED)).isFalse();
        assertThat(LeadAccess.stepsMatter(viewer("max", "paris", Set.of("paris"), "manager"), OWNED)).isFalse();
        assertThat(LeadAccess.stepsMatter(viewer("mia", "lyon", Set.of("lyon"), "manager"), OWNED)).isFalse();
        assertThat(LeadAccess.stepsMatter(viewer("root", null, Set.of(), "admin"), OWNED)).isFalse();
        assertThat(LeadAccess.stepsMatter(viewer("bea", null, Set.of(), "referrer"), OWNED)).isFalse();
    }

    @Test
    void leaving_the_steps_out_where_they_do_not_matter_never_changes_a_view() {
        List<Set<String>> roleSets = List.of(Set.of("agent"), Set.of("manager"), Set.of("admin"), Set.of("referrer"),
                Set.of("agent", "referrer"), Set.of("agent", "manager"), Set.of());
        List<String> people = java.util.Arrays.asList("ann", "bob", null);
        List<String> teams = java.util.Arrays.asList("paris", "lyon", null);
        int checked = 0;
        for (Set<String> roles : roleSets) {
            for (String team : teams) {
                for (String owner : people) {
                    for (String leadTeam : teams) {
                        for (String referrer : people) {
                            LeadAccess.Viewer ann = new LeadAccess.Viewer(new Caller("ann", roles), team,
                                    team == null ? Set.of() : Set.of(team));
                            LeadAccess.LeadFacts without = new LeadAccess.LeadFacts(owner, leadTeam, referrer, Set.of());
                            LeadAccess.LeadFacts with = new LeadAccess.LeadFacts(owner, leadTeam, referrer, Set.of("ann"));
                            if (!LeadAccess.stepsMatter(ann, without)) {
                                assertThat(LeadAccess.view(ann, with)).as("%s %s %s", roles, owner, leadTeam)
                                        .isEqualTo(LeadAccess.view(ann, without));
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }
}
