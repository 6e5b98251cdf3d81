package io.closedloop.leads.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import io.closedloop.platform.security.Caller;
import org.junit.jupiter.api.Test;

class DirectoryAuthorityTest {

    private static final Caller MAX = new Caller("max", Set.of("manager"));
    private static final Caller ROOT = new Caller("root", Set.of("admin"));
    private static final Set<String> PARIS = Set.of("paris");
    private static final DirectoryAuthority.Change AGENT_IN_PARIS =
            new DirectoryAuthority.Change("paris", Set.of("agent"), null);

    private static DirectoryAuthority.Entry entry(String id, String team, String... roles) {
        return new DirectoryAuthority.Entry(id, team, List.of(roles));
    }

    @Test
    void a_manager_creates_and_edits_the_agents_of_their_teams() {
        assertThat(DirectoryAuthority.refusal(MAX, PARIS, null, AGENT_IN_PARIS)).isEmpty();
        assertThat(DirectoryAuthority.refusal(MAX, PARIS, entry("ann", "paris", "agent"), AGENT_IN_PARIS)).isEmpty();
        assertThat(DirectoryAuthority.refusal(MAX, PARIS, entry("ann", "paris", "agent"),
                new DirectoryAuthority.Change("paris", Set.of("agent", "referrer"), "max"))).isEmpty();
    }

    @Test
    void a_manager_adopts_nobody_from_outside_their_teams_and_renames_no_referrer() {
        assertThat(DirectoryAuthority.refusal(MAX, PARIS, entry("bea", null, "referrer"), AGENT_IN_PARIS))
                .contains("A manager changes people of the teams they manage; this person is not in one");
        assertThat(DirectoryAuthority.refusal(MAX, PARIS, entry("lou", "lyon", "agent"), AGENT_IN_PARIS)).isPresent();
        assertThat(DirectoryAuthority.refusal(MAX, PARIS, null, new DirectoryAuthority.Change("lyon", Set.of("agent"), null)))
                .contains("A manager keeps people within the teams they manage");
        assertThat(DirectoryAuthority.refusal(MAX, PARIS, null, new DirectoryAuthority.Change(null, Set.of("agent"), null)))
                .isPresent();
    }

    @Test
    void a_manager_grants_no_manager_role_edits_no_manager_and_names_no_other_manager() {
        assertThat(DirectoryAuthority.refusal(MAX, PARIS, null, new DirectoryAuthority.Change("paris", Set.of("agent", "manager"), null)))
                .contains("A manager manages agents: the roles must include AGENT and not MANAGER");
        assertThat(DirectoryAuthority.refusal(MAX, PARIS, null, new DirectoryAuthority.Change("paris", Set.of("referrer"), null)))
                .isPresent();
        assertThat(DirectoryAuthority.refusal(MAX, PARIS, entry("mia", "paris", "manager"), AGENT_IN_PARIS))
                .contains("A manager changes agents; another manager's entry is the admin's to change");
        assertThat(DirectoryAuthority.refusal(MAX, PARIS, entry("max", "paris", "manager", "agent"), AGENT_IN_PARIS))
                .contains("A manager's own entry is the admin's to change");
        assertThat(DirectoryAuthority.refusal(MAX, PARIS, null, new DirectoryAuthority.Change("paris", Set.of("agent"), "mia")))
                .contains("A manager names only themselves as an agent's manager");
    }

    @Test
    void the_admin_changes_anyone_and_nobody_else_changes_anything() {
        assertThat(DirectoryAuthority.refusal(ROOT, Set.of(), entry("bea", null, "referrer"),
                new DirectoryAuthority.Change(null, Set.of("manager"), "x"))).isEmpty();
        assertThat(DirectoryAuthority.refusal(new Caller("ann", Set.of("agent")), PARIS, null, AGENT_IN_PARIS)).isPresent();
    }
}
