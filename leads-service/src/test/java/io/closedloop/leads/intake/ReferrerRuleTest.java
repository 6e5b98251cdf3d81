package io.closedloop.leads.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import io.closedloop.events.lead.LeadSource;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import org.junit.jupiter.api.Test;

class ReferrerRuleTest {

    private static NewLead lead(LeadSource source, String referrerId, String email, String phone) {
        return new NewLead(new NewLead.Customer("C", null, email, phone, null), source, referrerId, null, null, null, null, null);
    }

    private static final Caller AGENT = new Caller("agent-ann", Set.of("agent"));
    private static final Caller REFERRER = new Caller("partner-pat", Set.of("referrer"));

    @Test
    void an_agent_names_the_referrer_of_a_referral() {
        assertThat(LeadIntake.referrerOf(lead(LeadSource.REFERRAL, "bea", "c@d.e", null), AGENT)).isEqualTo("bea");
        assertThat(LeadIntake.referrerOf(lead(LeadSource.INBOUND, null, null, "+331234567"), AGENT)).isNull();
    }

    @Test
    void a_referrer_refers_in_their_own_name() {
        assertThat(LeadIntake.referrerOf(lead(LeadSource.REFERRAL, null, "c@d.e", null), REFERRER)).isEqualTo("partner-pat");
        assertThatThrownBy(() -> LeadIntake.referrerOf(lead(LeadSource.REFERRAL, "bea", "c@d.e", null), REFERRER))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().errors())
                        .extracting("field").containsExactly("referrerId"));
    }

    @Test
    void every_missing_piece_is_reported_at_once() {
        assertThatThrownBy(() -> LeadIntake.referrerOf(lead(LeadSource.REFERRAL, null, null, null), AGENT))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().errors())
                        .extracting("field").containsExactly("referrerId", "customer"));
    }
}
