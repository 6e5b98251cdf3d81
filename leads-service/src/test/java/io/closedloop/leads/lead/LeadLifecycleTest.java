package io.closedloop.leads.lead;

import static io.closedloop.leads.lead.LeadLifecycle.Step.ACKNOWLEDGE;
import static io.closedloop.leads.lead.LeadLifecycle.Step.ASSIGN;
import static io.closedloop.leads.lead.LeadLifecycle.Step.CONTACT_NOT_REACHED;
import static io.closedloop.leads.lead.LeadLifecycle.Step.CONTACT_REACHED;
import static io.closedloop.leads.lead.LeadLifecycle.Step.LOSE;
import static io.closedloop.leads.lead.LeadLifecycle.Step.NO_MEETING_LEFT;
import static io.closedloop.leads.lead.LeadLifecycle.Step.QUALIFY;
import static io.closedloop.leads.lead.LeadLifecycle.Step.SCHEDULE_MEETING;
import static io.closedloop.leads.lead.LeadLifecycle.Step.WIN;
import static io.closedloop.events.lead.LeadStatus.ACKNOWLEDGED;
import static io.closedloop.events.lead.LeadStatus.ASSIGNED;
import static io.closedloop.events.lead.LeadStatus.CONTACTED;
import static io.closedloop.events.lead.LeadStatus.LOST;
import static io.closedloop.events.lead.LeadStatus.MEETING_SCHEDULED;
import static io.closedloop.events.lead.LeadStatus.NEW;
import static io.closedloop.events.lead.LeadStatus.QUALIFIED;
import static io.closedloop.events.lead.LeadStatus.WON;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closedloop.events.lead.LeadStatus;
import org.junit.jupiter.api.Test;

class LeadLifecycleTest {

    @Test
    void the_happy_path_runs_from_new_to_won() {
        LeadStatus s = NEW;
        s = LeadLifecycle.next(s, ASSIGN);
        assertThat(s).isEqualTo(ASSIGNED);
        s = LeadLifecycle.next(s, ACKNOWLEDGE);
        assertThat(s).isEqualTo(ACKNOWLEDGED);
        s = LeadLifecycle.next(s, CONTACT_NOT_REACHED);
        assertThat(s).isEqualTo(ACKNOWLEDGED);
        s = LeadLifecycle.next(s, CONTACT_REACHED);
        assertThat(s).isEqualTo(CONTACTED);
        s = LeadLifecycle.next(s, SCHEDULE_MEETING);
        assertThat(s).isEqualTo(MEETING_SCHEDULED);
        s = LeadLifecycle.next(s, QUALIFY);
        assertThat(s).isEqualTo(QUALIFIED);
        assertThat(LeadLifecycle.next(s, WIN)).isEqualTo(WON);
    }

    @Test
    void a_handed_over_lead_keeps_its_progress_but_an_early_one_goes_back_to_assigned() {
        assertThat(LeadLifecycle.next(ACKNOWLEDGED, ASSIGN)).isEqualTo(ASSIGNED);
        assertThat(LeadLifecycle.next(QUALIFIED, ASSIGN)).isEqualTo(QUALIFIED);
        assertThat(LeadLifecycle.next(QUALIFIED, ACKNOWLEDGE)).isEqualTo(QUALIFIED);
    }

    @Test
    void a_meeting_can_be_set_once_acknowledged_and_withdrawing_the_last_one_goes_back_to_contacted() {
        assertThat(LeadLifecycle.next(ACKNOWLEDGED, SCHEDULE_MEETING)).isEqualTo(MEETING_SCHEDULED);
        assertThat(LeadLifecycle.next(QUALIFIED, SCHEDULE_MEETING)).isEqualTo(QUALIFIED);
        assertThat(LeadLifecycle.next(MEETING_SCHEDULED, NO_MEETING_LEFT)).isEqualTo(CONTACTED);
        assertThat(LeadLifecycle.next(QUALIFIED, NO_MEETING_LEFT)).isEqualTo(QUALIFIED);
    }

    @Test
    void illegal_moves_say_why() {
        assertThatThrownBy(() -> LeadLifecycle.next(NEW, ACKNOWLEDGE)).hasMessageContaining("no owner");
        assertThatThrownBy(() -> LeadLifecycle.next(ASSIGNED, CONTACT_REACHED)).hasMessageContaining("Acknowledge the lead");
        assertThatThrownBy(() -> LeadLifecycle.next(ASSIGNED, SCHEDULE_MEETING)).hasMessageContaining("Acknowledge the lead");
        assertThatThrownBy(() -> LeadLifecycle.next(ACKNOWLEDGED, QUALIFY)).hasMessageContaining("contacted");
        assertThatThrownBy(() -> LeadLifecycle.next(QUALIFIED, QUALIFY)).hasMessageContaining("already");
        assertThatThrownBy(() -> LeadLifecycle.next(ASSIGNED, WIN)).hasMessageContaining("after contact");
        assertThatThrownBy(() -> LeadLifecycle.next(WON, LOSE)).hasMessageContaining("closed");
        assertThatThrownBy(() -> LeadLifecycle.next(LOST, ASSIGN)).hasMessageContaining("closed");
    }

    @Test
    void any_open_lead_can_be_lost() {
        for (LeadStatus s : LeadStatus.values()) {
            if (s.isOpen()) {
                assertThat(LeadLifecycle.next(s, LOSE)).isEqualTo(LOST);
            }
        }
    }
}
