package io.closedloop.feedback.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventJson;
import io.closedloop.events.EventType;
import io.closedloop.events.Money;
import io.closedloop.events.Topics;
import io.closedloop.events.lead.AssignmentStrategy;
import io.closedloop.events.lead.ContactAttempted;
import io.closedloop.events.lead.ContactChannel;
import io.closedloop.events.lead.LeadAcknowledged;
import io.closedloop.events.lead.LeadAssigned;
import io.closedloop.events.lead.LeadLost;
import io.closedloop.events.lead.LeadReceived;
import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.lead.LeadWon;
import io.closedloop.events.lead.MeetingHeld;
import io.closedloop.events.lead.SlaClock;
import io.closedloop.events.lead.SlaEscalated;
import io.closedloop.events.person.PersonChanged;
import io.closedloop.events.team.OpeningHours;
import io.closedloop.events.team.TeamChanged;
import io.closedloop.stack.testing.EventWriter;
import io.closedloop.stack.testing.TestRun;

/**
 * Publishes what leads-service would, with the contract's own records, on the run's real leads topic: the way
 * feedback-service learns of people, teams and leads.
 */
public final class LeadStory implements AutoCloseable {

    public static final Map<String, List<OpeningHours>> ALWAYS_OPEN = Map.of(
            "MONDAY", List.of(new OpeningHours("00:00", "00:00")), "TUESDAY", List.of(new OpeningHours("00:00", "00:00")),
            "WEDNESDAY", List.of(new OpeningHours("00:00", "00:00")), "THURSDAY", List.of(new OpeningHours("00:00", "00:00")),
            "FRIDAY", List.of(new OpeningHours("00:00", "00:00")), "SATURDAY", List.of(new OpeningHours("00:00", "00:00")),
            "SUNDAY", List.of(new OpeningHours("00:00", "00:00")));

    private final EventWriter writer;
    private final String topic;

    public LeadStory() {
        TestRun run = TestRun.current();
        writer = new EventWriter(run.kafkaBootstrapServers());
        topic = run.topic(Topics.LEADS);
    }

    public <T extends Record> void publish(EventType<T> type, String key, T data) {
        try {
            writer.send(topic, key, type.type(), EventJson.mapper().writeValueAsString(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void team(String team, String manager, Instant at) {
        publish(EventCatalog.TEAM_CHANGED, team, new TeamChanged(team, "Team " + team, manager, "UTC", at, ALWAYS_OPEN, List.of()));
    }

    public void person(String id, String name, String team, String manager, Instant at) {
        publish(EventCatalog.PERSON_CHANGED, id, new PersonChanged(id, name, null, team, manager, List.of("agent"), true,
                null, null, at));
    }

    public void team(String team, String manager, String timeZone, Instant at) {
        publish(EventCatalog.TEAM_CHANGED, team, new TeamChanged(team, "Team " + team, manager, timeZone, at, ALWAYS_OPEN, List.of()));
    }

    /** A person with an e-mail address, in the given roles. */
    public void person(String id, String name, String email, String team, String manager, List<String> roles, Instant at) {
        publish(EventCatalog.PERSON_CHANGED, id, new PersonChanged(id, name, email, team, manager, roles, true, null, null, at));
    }

    public void referral(UUID lead, String referrer, String customer, Instant at) {
        publish(EventCatalog.LEAD_RECEIVED, lead.toString(), new LeadReceived(lead, LeadSource.REFERRAL, referrer,
                "phone:+33612345678", customer, null, "Business loan", new Money(new BigDecimal("250000"), "EUR"), "paris",
                null, null, "desk", at));
    }

    /** An assignment with the usual 15-minute acknowledgment deadline. */
    public void assigned(UUID lead, String team, String from, String to, String by, String reason, Instant at) {
        assigned(lead, team, from, to, by, reason, at, at.plusSeconds(900));
    }

    public void assigned(UUID lead, String team, String from, String to, String by, String reason, Instant at,
                         Instant acknowledgeBy) {
        publish(EventCatalog.LEAD_ASSIGNED, lead.toString(), new LeadAssigned(lead, team, from, to, by, reason,
                by.equals("system") ? AssignmentStrategy.ROUND_ROBIN : AssignmentStrategy.MANUAL, at, acknowledgeBy, null));
    }

    /** The SLA bounce: {@code from} did not acknowledge by {@code due}; the lead went to {@code to} (or the queue). */
    public void slaReassigned(UUID lead, String team, String from, String to, Instant due, Instant at) {
        if (to != null) {
            publish(EventCatalog.LEAD_ASSIGNED, lead.toString(), new LeadAssigned(lead, team, from, to, "system",
                    from + " did not acknowledge by " + due, AssignmentStrategy.SLA_REASSIGNMENT, at, at.plusSeconds(900), null));
        } else {
            publish(EventCatalog.LEAD_QUEUED, lead.toString(), new io.closedloop.events.lead.LeadQueued(lead, team, null,
                    "Nobody in team " + team + " can take the lead now", from, at));
        }
        publish(EventCatalog.SLA_REASSIGNED, lead.toString(), new io.closedloop.events.lead.SlaReassigned(lead,
                SlaClock.ACKNOWLEDGE, from, to, team, due, at));
    }

    public void acknowledged(UUID lead, String owner, String team, Instant assignedAt, Instant at) {
        publish(EventCatalog.LEAD_ACKNOWLEDGED, lead.toString(), new LeadAcknowledged(lead, owner, team, null, assignedAt,
                assignedAt.plusSeconds(900), at, at.isAfter(assignedAt.plusSeconds(900))));
    }

    public void manager(String id, String name, String team, Instant at) {
        publish(EventCatalog.PERSON_CHANGED, id, new PersonChanged(id, name, null, team, null, List.of("manager"), true,
                null, null, at));
    }

    public void reached(UUID lead, String owner, Instant at) {
        publish(EventCatalog.CONTACT_ATTEMPTED, lead.toString(), new ContactAttempted(lead, UUID.randomUUID(), owner, null,
                "phone:+33612345678", ContactChannel.PHONE, at, true, true, null, at, owner));
    }

    public void met(UUID lead, String owner, Instant at) {
        publish(EventCatalog.MEETING_HELD, lead.toString(), new MeetingHeld(lead, UUID.randomUUID(), owner, null,
                "phone:+33612345678", null, at, true, 3, 3, owner, at));
    }

    public void won(UUID lead, String owner, Instant at) {
        publish(EventCatalog.LEAD_WON, lead.toString(), new LeadWon(lead, owner, null, null, "phone:+33612345678",
                LeadSource.REFERRAL, new Money(new BigDecimal("250000"), "EUR"), at.minusSeconds(86_400 * 10), owner, at));
    }

    public void lost(UUID lead, String owner, String reason, Instant at) {
        publish(EventCatalog.LEAD_LOST, lead.toString(), new LeadLost(lead, owner, null, null, "phone:+33612345678",
                LeadSource.REFERRAL, reason, at.minusSeconds(86_400), owner, at));
    }

    public void slaEscalated(UUID lead, String owner, String manager, Instant due, Instant at) {
        publish(EventCatalog.SLA_ESCALATED, lead.toString(), new SlaEscalated(lead, SlaClock.ACKNOWLEDGE, owner, manager,
                null, null, due, at));
    }

    @Override
    public void close() {
        writer.close();
    }
}
