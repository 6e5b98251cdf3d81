package io.closedloop.leads.assignment;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.lead.AssignmentStrategy;
import io.closedloop.events.lead.LeadAssigned;
import io.closedloop.events.lead.LeadQueued;
import io.closedloop.events.lead.SlaClock;
import io.closedloop.events.lead.SlaReassigned;
import io.closedloop.leads.lead.History;
import io.closedloop.leads.lead.Lead;
import io.closedloop.events.lead.LeadStatus;
import io.closedloop.leads.lead.LeadLifecycle;
import io.closedloop.leads.lead.StatusChanges;
import io.closedloop.leads.people.Directory;
import io.closedloop.leads.people.Person;
import io.closedloop.leads.plan.PlanService;
import io.closedloop.leads.settings.Settings;
import io.closedloop.leads.sla.Reassignment;
import io.closedloop.leads.sla.SlaClocks;
import io.closedloop.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Gives leads owners. Every assignment is a handoff event (from, to, by whom, why) and starts the new owner's
 * acknowledgment clock; a lead nobody can take waits in its team's unassigned queue, and the manager is told. When a
 * person takes a lead from its owner and gives it to someone else, they get a step to check back with the client and
 * the new owner. Rotations choose among a team's agents only.
 */
@ApplicationScoped
public class AssignmentService implements Reassignment {

    public static final String RULES = "assignment-rules";

    private final Settings settings;
    private final Directory directory;
    private final SlaClocks clocks;
    private final PlanService plan;
    private final Outbox outbox;
    private final History history;
    private final StatusChanges statuses;
    private final TeamRotations rotations;
    private final EntityManager entityManager;
    private final Clock clock;

    AssignmentService(Settings settings, Directory directory, SlaClocks clocks, PlanService plan, Outbox outbox,
                      History history, StatusChanges statuses, TeamRotations rotations, EntityManager entityManager,
                      Clock clock) {
        this.settings = settings;
        this.directory = directory;
        this.clocks = clocks;
        this.plan = plan;
        this.outbox = outbox;
        this.history = history;
        this.statuses = statuses;
        this.rotations = rotations;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    public AssignmentRules rules() {
        return settings.read(RULES, AssignmentRules.class, AssignmentRules.NONE).value();
    }

    /** Routes a lead by the first matching rule: to a person, to a team member by rotation, or to a queue. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void route(Lead lead, String by) {
        Optional<AssignmentRule> rule = rules().firstMatch(facts(lead));
        if (rule.isEmpty()) {
            queue(lead, null, "No assignment rule matches this lead", by);
            return;
        }
        AssignmentRule.Target target = rule.get().target();
        if (target.personId() != null) {
            Optional<Person> person = directory.person(target.personId());
            if (person.isPresent() && assignable(person.get())) {
                assign(lead, person.get(), by, "Rule " + rule.get().id(), AssignmentStrategy.MANUAL);
            } else {
                queue(lead, person.map(p -> p.teamId).orElse(null),
                        "Rule " + rule.get().id() + " names " + target.personId() + ", who cannot take leads now", by);
            }
            return;
        }
        routeInTeam(lead, target.teamId(), target.strategyOrDefault(), Set.of(), by, "Rule " + rule.get().id(),
                AssignmentStrategy.valueOf(target.strategyOrDefault().name()));
    }

    /** Gives the lead to the next member of a team by its strategy, or queues it in the team. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void routeInTeam(Lead lead, String teamId, AssignmentRule.Strategy strategy, Set<String> excluded,
                            String by, String reason, AssignmentStrategy recordedAs) {
        Optional<Person> next = nextInTeam(teamId, strategy, excluded);
        if (next.isPresent()) {
            assign(lead, next.get(), by, reason, recordedAs);
        } else {
            queue(lead, teamId, "Nobody in team " + teamId + " can take the lead now (inactive, out of office or full)", by);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void assign(Lead lead, Person to, String by, String reason, AssignmentStrategy strategy) {
        Instant now = clock.instant();
        String from = lead.ownerId;
        LeadLifecycle.next(lead.status, LeadLifecycle.Step.ASSIGN);
        lead.ownerId = to.id;
        lead.teamId = to.teamId != null ? to.teamId : lead.teamId;
        statuses.step(lead, LeadLifecycle.Step.ASSIGN, by, now);
        lead.assignedAt = now;
        lead.assignedBy = by;
        lead.acknowledgedAt = null;
        lead.updatedAt = now;
        clocks.assigned(lead);
        history.record(lead.id, by, "assigned", reason, "from", from, "to", to.id, "team", lead.teamId,
                "strategy", strategy, "acknowledgeBy", lead.ackDueAt);
        outbox.publish(EventCatalog.LEAD_ASSIGNED, lead.id.toString(), new LeadAssigned(lead.id, lead.teamId, from,
                to.id, by, reason, strategy, now, lead.ackDueAt, lead.referrerId));
        if (from != null && !History.SYSTEM.equals(by) && !by.equals(to.id)) {
            plan.createHandoffCheck(lead, by, to);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(Lead lead, String teamId, String reason, String by) {
        Instant now = clock.instant();
        String from = lead.ownerId;
        lead.ownerId = null;
        lead.teamId = teamId != null ? teamId : lead.teamId;
        if (lead.status.ordinal() <= LeadStatus.ACKNOWLEDGED.ordinal()) {
            statuses.moveTo(lead, LeadStatus.NEW, by, now);
        }
        lead.acknowledgedAt = null;
        lead.assignedAt = null;
        lead.updatedAt = now;
        clocks.queued(lead);
        String manager = directory.team(lead.teamId).map(t -> t.managerId).orElse(null);
        history.record(lead.id, by, "queued", reason, "team", lead.teamId, "from", from, "managerTold", manager);
        outbox.publish(EventCatalog.LEAD_QUEUED, lead.id.toString(),
                new LeadQueued(lead.id, lead.teamId, manager, reason, from, now));
    }

    /** Accept or bounce: the owner did not acknowledge in time, so the lead moves to someone else or the queue. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void bounce(Lead lead, Instant dueAt) {
        String from = lead.ownerId;
        AssignmentRule.Strategy strategy = rules().rules().stream()
                .filter(r -> lead.teamId != null && lead.teamId.equals(r.target().teamId()))
                .map(r -> r.target().strategyOrDefault()).findFirst().orElse(AssignmentRule.Strategy.ROUND_ROBIN);
        routeInTeam(lead, lead.teamId, strategy, Set.of(from), History.SYSTEM,
                from + " did not acknowledge by " + dueAt, AssignmentStrategy.SLA_REASSIGNMENT);
        outbox.publish(EventCatalog.SLA_REASSIGNED, lead.id.toString(), new SlaReassigned(lead.id,
                SlaClock.ACKNOWLEDGE, from, lead.ownerId, lead.teamId, dueAt, clock.instant()));
    }

    /** Whether rules and rotations may give this person a lead now (capacity is the rotation's business). */
    boolean assignable(Person person) {
        if (!person.isAgent() || !person.isAvailable(clock.instant())) {
            return false;
        }
        return person.capacity == null || openLeads(List.of(person.id)).getOrDefault(person.id, 0L) < person.capacity;
    }

    private Optional<Person> nextInTeam(String teamId, AssignmentRule.Strategy strategy, Set<String> excluded) {
        if (teamId == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<Person> members = directory.members(teamId).stream().filter(Person::isAgent).toList();
        // Open leads are counted only where they decide: a least-loaded rotation, or a member with a capacity.
        boolean counted = strategy == AssignmentRule.Strategy.LEAST_LOADED || members.stream().anyMatch(p -> p.capacity != null);
        Map<String, Long> open = counted ? openLeads(members.stream().map(p -> p.id).toList()) : Map.of();
        List<Rotation.Member> eligible = Rotation.eligible(members.stream()
                .map(p -> new Rotation.Member(p.id, p.active, p.outOfOfficeUntil, open.getOrDefault(p.id, 0L), p.capacity))
                .toList(), now, excluded);
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        String picked = rotations.advance(teamId, strategy, eligible, now);
        return members.stream().filter(p -> p.id.equals(picked)).findFirst();
    }

    private Map<String, Long> openLeads(List<String> people) {
        Map<String, Long> counts = new HashMap<>();
        if (people.isEmpty()) {
            return counts;
        }
        entityManager.createQuery("select l.ownerId, count(l) from Lead l where l.ownerId in ?1 "
                        + "and l.status not in (io.closedloop.events.lead.LeadStatus.WON, io.closedloop.events.lead.LeadStatus.LOST) "
                        + "group by l.ownerId", Object[].class)
                .setParameter(1, people).getResultList()
                .forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }

    private static AssignmentRule.LeadFacts facts(Lead lead) {
        return new AssignmentRule.LeadFacts(lead.source, lead.territory, lead.product, lead.estimatedValue, lead.currency);
    }
}
