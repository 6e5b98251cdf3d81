package io.closedloop.reporting.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.closedloop.events.Money;
import io.closedloop.events.evidence.ActivityKind;
import io.closedloop.events.evidence.EvidenceMethod;
import io.closedloop.events.evidence.EvidenceRecorded;
import io.closedloop.events.lead.ContactAttempted;
import io.closedloop.events.lead.ContactChannel;
import io.closedloop.events.lead.LeadLost;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.LeadWon;
import io.closedloop.events.lead.MeetingHeld;
import io.closedloop.events.loop.EchoKind;
import io.closedloop.events.loop.EchoSource;
import io.closedloop.events.loop.LoopConfirmed;
import io.closedloop.events.loop.LoopEchoed;
import io.closedloop.events.loop.LoopKind;
import org.junit.jupiter.api.Test;

/** Every source of activity records, and how far each is trusted: what a person records about themselves is logged. */
class ActivityRecordsTest {

    private static final Instant NINE = Instant.parse("2026-11-16T09:00:00Z");
    private static final UUID LEAD = UUID.randomUUID();

    private static ContactAttempted contact(ContactChannel channel, boolean reached, String recordedBy) {
        return new ContactAttempted(LEAD, UUID.randomUUID(), "ann", "team", "ref:acme", channel, NINE, reached, true, null,
                NINE, recordedBy);
    }

    @Test
    void a_contact_the_owner_logs_is_logged_and_one_their_manager_records_is_verified() {
        assertThat(ActivityRecords.contact(contact(ContactChannel.PHONE, true, "ann")).orElseThrow())
                .satisfies(r -> {
                    assertThat(r.trust()).isEqualTo(Trust.LOGGED);
                    assertThat(r.kind()).isEqualTo(ActivityKind.CALL);
                    assertThat(r.source()).isEqualTo(SourceNames.LEADS);
                    assertThat(r.method()).isEqualTo(ActivityRecords.RECORDED_BY_OWNER);
                });
        assertThat(ActivityRecords.contact(contact(ContactChannel.VISIT, true, "max")).orElseThrow())
                .satisfies(r -> {
                    assertThat(r.trust()).isEqualTo(Trust.VERIFIED);
                    assertThat(r.kind()).isEqualTo(ActivityKind.VISIT);
                    assertThat(r.recordedBy()).isEqualTo("max");
                });
        // Before contact attempts said who recorded them, every one was the owner's.
        assertThat(ActivityRecords.contact(contact(ContactChannel.PHONE, true, null)).orElseThrow().trust())
                .isEqualTo(Trust.LOGGED);
    }

    @Test
    void an_unanswered_attempt_or_an_e_mail_is_no_call_or_visit() {
        assertThat(ActivityRecords.contact(contact(ContactChannel.PHONE, false, "ann"))).isEmpty();
        assertThat(ActivityRecords.contact(contact(ContactChannel.EMAIL, true, "ann"))).isEmpty();
    }

    @Test
    void a_meeting_marked_held_is_the_markers_word() {
        MeetingHeld byOwner = new MeetingHeld(LEAD, UUID.randomUUID(), "ann", null, "ref:acme", null, NINE, true, 2, 2,
                "ann", NINE.plusSeconds(3600));
        MeetingHeld byManager = new MeetingHeld(LEAD, UUID.randomUUID(), "ann", null, "ref:acme", null, NINE, true, 2, 2,
                "max", NINE.plusSeconds(3600));

        assertThat(ActivityRecords.meeting(byOwner).trust()).isEqualTo(Trust.LOGGED);
        assertThat(ActivityRecords.meeting(byManager).trust()).isEqualTo(Trust.VERIFIED);
        assertThat(ActivityRecords.meeting(byOwner).occurredAt()).isEqualTo(NINE);
    }

    @Test
    void an_outcome_is_reported_by_its_owner_and_confirmed_by_anyone_else_who_closed_it() {
        LeadWon own = new LeadWon(LEAD, "ann", "team", "rita", "ref:acme", LeadSource.REFERRAL,
                new Money(BigDecimal.TEN, "EUR"), NINE.minusSeconds(86_400), "ann", NINE);
        LeadWon managers = new LeadWon(LEAD, "ann", "team", "rita", "ref:acme", LeadSource.REFERRAL,
                new Money(BigDecimal.TEN, "EUR"), NINE.minusSeconds(86_400), "max", NINE);
        LeadLost lost = new LeadLost(LEAD, "ann", "team", null, "ref:acme", LeadSource.INBOUND, "PRICE",
                NINE.minusSeconds(86_400), "ann", NINE);

        assertThat(ActivityRecords.outcome(own)).satisfies(r -> {
            assertThat(r.trust()).isEqualTo(Trust.LOGGED);
            assertThat(r.outcome()).isEqualTo("WON");
            assertThat(r.externalId()).isEqualTo("outcome:" + LEAD);
        });
        assertThat(ActivityRecords.outcome(managers).trust()).isEqualTo(Trust.VERIFIED);
        assertThat(ActivityRecords.outcome(lost)).satisfies(r -> {
            assertThat(r.trust()).isEqualTo(Trust.LOGGED);
            assertThat(r.outcome()).isEqualTo("LOST");
        });
    }

    @Test
    void an_echo_the_owner_writes_is_logged_and_automatic_echoes_are_nobodys_activity() {
        UUID loop = UUID.randomUUID();
        LoopEchoed personal = new LoopEchoed(loop, UUID.randomUUID(), LoopKind.REFERRAL, LEAD, "rita", "ann",
                EchoKind.PROGRESS, EchoSource.PERSONAL, NINE, null, false, 60);
        LoopEchoed automatic = new LoopEchoed(loop, UUID.randomUUID(), LoopKind.REFERRAL, LEAD, "rita", "ann",
                EchoKind.PROGRESS, EchoSource.AUTOMATIC, NINE, null, false, 60);

        assertThat(ActivityRecords.echo(personal).orElseThrow().trust()).isEqualTo(Trust.LOGGED);
        assertThat(ActivityRecords.echo(automatic)).isEmpty();
    }

    @Test
    void the_initiators_confirmation_verifies_the_echo_and_the_leads_outcome_once_per_lead() {
        UUID referral = UUID.randomUUID();
        UUID handoff = UUID.randomUUID();
        Instant told = NINE.minusSeconds(3600);
        List<ActivityRecord> fromReferral = ActivityRecords.confirmation(new LoopConfirmed(referral, LoopKind.REFERRAL,
                LEAD, "rita", "ann", NINE, "ref:acme", told));
        List<ActivityRecord> fromHandoff = ActivityRecords.confirmation(new LoopConfirmed(handoff, LoopKind.HANDOFF,
                LEAD, "max", "ann", NINE, "ref:acme", told));

        assertThat(fromReferral).extracting(ActivityRecord::kind).containsExactly(ActivityKind.ECHO, ActivityKind.OUTCOME);
        assertThat(fromReferral).allSatisfy(r -> {
            assertThat(r.trust()).isEqualTo(Trust.VERIFIED);
            assertThat(r.occurredAt()).isEqualTo(told);
            assertThat(r.method()).isEqualTo(ActivityRecords.CONFIRMED_BY_INITIATOR);
        });
        // Two loops of one lead confirm one outcome: the same record key, so it is kept once.
        assertThat(fromReferral.get(1).externalId()).isEqualTo(fromHandoff.get(1).externalId());
        // An instruction has no lead, and an old confirmation no customer: only the echo.
        assertThat(ActivityRecords.confirmation(new LoopConfirmed(UUID.randomUUID(), LoopKind.INSTRUCTION, null, "max",
                "ann", NINE, null, told))).extracting(ActivityRecord::kind).containsExactly(ActivityKind.ECHO);
        assertThat(ActivityRecords.confirmation(new LoopConfirmed(UUID.randomUUID(), LoopKind.REFERRAL, LEAD, "rita",
                "ann", NINE, null, null))).extracting(ActivityRecord::kind).containsExactly(ActivityKind.ECHO);
    }

    @Test
    void a_system_of_record_verifies_unless_it_reports_on_itself_and_short_rings_back_nothing() {
        EvidenceRecorded call = new EvidenceRecorded("Telephony", "c1", "ann", "ref:acme", ActivityKind.CALL,
                EvidenceMethod.CALL_RECORD, NINE, 90, null, null, "pbx");
        EvidenceRecorded ring = new EvidenceRecorded("telephony", "c2", "ann", "ref:acme", ActivityKind.CALL,
                EvidenceMethod.CALL_RECORD, NINE, 5, null, null, "pbx");

        assertThat(ActivityRecords.integrator(call, "telephony", "pbx", 20, 500)).satisfies(r -> {
            assertThat(r.trust()).isEqualTo(Trust.VERIFIED);
            assertThat(r.source()).isEqualTo("telephony");
            assertThat(r.meetsStandard()).isTrue();
            assertThat(r.recordedBy()).isEqualTo("pbx");
        });
        assertThat(ActivityRecords.integrator(ring, "telephony", "pbx", 20, 500).meetsStandard()).isFalse();
        assertThat(ActivityRecords.integrator(call, "telephony", "ann", 20, 500).trust()).isEqualTo(Trust.LOGGED);
    }
}
