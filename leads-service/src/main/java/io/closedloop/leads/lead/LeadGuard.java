package io.closedloop.leads.lead;

import java.util.UUID;

import io.closedloop.leads.access.LeadAccess;
import io.closedloop.leads.people.Directory;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * Loads a lead for a caller, applying {@link LeadAccess}: a lead the caller may not see is "not found" (404) — never
 * 403, which would tell them it exists; a lead they may see but not change answers 403.
 */
@ApplicationScoped
public class LeadGuard {

    /** A lead with the caller's view of it. */
    public record Seen(Lead lead, LeadAccess.Viewer viewer, LeadAccess.View view) {
    }

    private final Directory directory;
    private final OpenSteps openSteps;
    private final EntityManager entityManager;

    LeadGuard(Directory directory, OpenSteps openSteps, EntityManager entityManager) {
        this.directory = directory;
        this.openSteps = openSteps;
        this.entityManager = entityManager;
    }

    public Seen see(UUID id, Caller caller) {
        return seen(Lead.<Lead>findByIdOptional(id).orElse(null), id, caller);
    }

    /**
     * The lead, locked for the rest of the transaction, when the caller may see it: for a change whose own rules say
     * who may make it. One statement reads and locks it.
     */
    public Seen seeLocked(UUID id, Caller caller) {
        return seen(entityManager.find(Lead.class, id, LockModeType.PESSIMISTIC_WRITE), id, caller);
    }

    /** The lead, locked for the rest of the transaction, when the caller may work on it. */
    public Seen work(UUID id, Caller caller) {
        Seen seen = seeLocked(id, caller);
        if (!LeadAccess.mayWork(seen.viewer(), facts(seen.lead()))) {
            throw ProblemException.forbidden(seen.view() == LeadAccess.View.REFERRER
                    ? "A referrer follows a lead; only its owner and their managers work on it"
                    : "Only the lead's owner and their managers work on it");
        }
        return seen;
    }

    private Seen seen(Lead lead, UUID id, Caller caller) {
        if (lead == null) {
            throw ProblemException.notFound("lead", id);
        }
        LeadAccess.Viewer viewer = directory.viewer(caller);
        LeadAccess.View view = LeadAccess.view(viewer, facts(lead));
        if (view == LeadAccess.View.NONE) {
            throw ProblemException.notFound("lead", id);
        }
        return new Seen(lead, viewer, view);
    }

    /** How much of a lead the caller sees, without refusing: what an answer about it may show them. */
    public LeadAccess.View viewOf(Lead lead, Caller caller) {
        return LeadAccess.view(directory.viewer(caller), facts(lead));
    }

    public LeadAccess.LeadFacts facts(Lead lead) {
        return new LeadAccess.LeadFacts(lead.ownerId, lead.teamId, lead.referrerId, openSteps.of(lead).assignees());
    }
}
