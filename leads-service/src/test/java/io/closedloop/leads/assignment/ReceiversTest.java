package io.closedloop.leads.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceiversTest {

    @Test
    void only_agents_of_the_leads_team_receive_it_and_the_admin_may_cross_teams() {
        assertThat(Receivers.refusal(false, "paris", "paris", true)).isEmpty();
        assertThat(Receivers.refusal(false, "paris", "lyon", true)).contains(
                "{name} is not in the lead's team: only the admin hands a lead to another team");
        assertThat(Receivers.refusal(false, null, "paris", true)).isPresent();
        assertThat(Receivers.refusal(true, "paris", "lyon", true)).isEmpty();
        assertThat(Receivers.refusal(true, "paris", null, true)).isEmpty();
        // A referrer (or a manager who works no leads) receives none, whoever hands it over.
        assertThat(Receivers.refusal(false, "paris", "paris", false)).contains("{name} is not an agent: only agents receive leads");
        assertThat(Receivers.refusal(true, "paris", "paris", false)).isPresent();
    }
}
