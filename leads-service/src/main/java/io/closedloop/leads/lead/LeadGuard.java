package io.closedloop.leads.lead;

import java.util.Set;
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
    private final LeadRows rows;
    private final EntityManager entityManager;

    LeadGuard(Directory directory, OpenSteps openSteps, LeadRows rows, EntityManager entityManager) {
        this.directory = directory;
        this.openSteps = openSteps;
        this.rows = rows;
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

    /**
     * As {@link #seeLocked}, but the lead read as a row ({@link LeadRows#lockedRead}), not Hibernate's: the caller
     * writes its changes back with {@link LeadRows#update}.
     */
    public Seen seeRowLocked(UUID id, Caller caller) {
        return seen(rows.lockedRead(id), id, caller);
    }

    /** The lead, locked for the rest of the transaction, when the caller may work on it. */
    public Seen work(UUID id, Caller caller) {
        Seen seen = seeLocked(id, caller);
        if (!LeadAccess.mayWork(seen.viewer(), withoutSteps(seen.lead()))) {
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
        LeadAccess.View view = LeadAccess.view(viewer, factsFor(viewer, lead));
        if (view == LeadAccess.View.NONE) {
            throw ProblemException.notFound("lead", id);
        }
        return new Seen(lead, viewer, view);
    }

    /** How much of a lead the caller sees, without refusing: what an answer about it may show them. */
    public LeadAccess.View viewOf(Lead lead, Caller caller) {
        LeadAccess.Viewer viewer = directory.viewer(caller);
        return LeadAccess.view(viewer, factsFor(viewer, lead));
    }

    /** Everything access depends on, the open steps' assignees included (read once per transaction). */
    public LeadAccess.LeadFacts facts(Lead lead) {
        return new LeadAccess.LeadFacts(lead.ownerId, lead.teamId, lead.referrerId, openSteps.of(lead).assignees());
    }

    /** What this viewer's access depends on: the open steps are read only when they could change it. */
    private LeadAccess.LeadFacts factsFor(LeadAccess.Viewer viewer, Lead lead) {
        LeadAccess.LeadFacts known = withoutSteps(lead);
        return LeadAccess.stepsMatter(viewer, known) ? facts(lead) : known;
    }

    /** The lead's own fields; enough for {@link LeadAccess#mayWork}, which steps never widen. */
    private static LeadAccess.LeadFacts withoutSteps(Lead lead) {
        return new LeadAccess.LeadFacts(lead.ownerId, lead.teamId, lead.referrerId, Set.of());
    }
}
