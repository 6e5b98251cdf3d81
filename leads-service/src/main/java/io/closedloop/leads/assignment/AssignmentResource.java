package io.closedloop.leads.assignment;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

import io.closedloop.events.lead.AssignmentStrategy;
import io.closedloop.leads.access.LeadAccess;
import io.closedloop.leads.lead.LeadGuard;
import io.closedloop.leads.lead.Lead;
import io.closedloop.leads.lead.LeadView;
import io.closedloop.leads.people.Directory;
import io.closedloop.leads.people.Person;
import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/leads/{id}/assignment")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Assignment")
@RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class AssignmentResource {

    /**
     * @param personId the new owner; without one, the rules (or, with {@code teamId}, that team's rotation) choose
     * @param reason   why; required when the lead already has an owner (a reassignment is a handoff)
     */
    public record AssignmentRequest(
            @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE) String personId,
            @Pattern(regexp = Patterns.TEAM_ID, message = "must be a team id") String teamId,
            @Size(max = 1000) String reason) {
    }

    private final LeadGuard guard;
    private final AssignmentService assignment;
    private final Directory directory;
    private final CurrentCaller caller;
    private final Clock clock;

    AssignmentResource(LeadGuard guard, AssignmentService assignment, Directory directory, CurrentCaller caller, Clock clock) {
        this.guard = guard;
        this.assignment = assignment;
        this.directory = directory;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @Transactional
    @Operation(operationId = "assignLead", summary = "Assign or reassign the lead",
            description = "Only agents receive leads, and only agents of the lead's team unless the admin assigns. The "
                    + "team's managers assign within it or let the rules choose; an agent takes an unassigned lead of "
                    + "their team for themselves, or hands their own lead to a teammate, with a reason; the handover "
                    + "creates a check-back step for them.")
    public LeadView assign(@Parameter(description = "The lead's id") @PathParam("id") UUID id, @Valid @NotNull AssignmentRequest body) {
        Caller who = caller.get();
        LeadGuard.Seen seen = guard.seeLocked(id, who);
        Lead lead = seen.lead();
        if (!lead.isOpen()) {
            throw ProblemException.conflict("The lead is closed (" + lead.status + ")");
        }
        if (lead.ownerId != null && (body.reason() == null || body.reason().isBlank())) {
            throw ProblemException.invalid("reason", "is required to take a lead from its owner");
        }
        LeadAccess.Viewer viewer = seen.viewer();
        boolean manages = who.isAdmin() || (who.isManager() && viewer.managedTeams().contains(lead.teamId));
        if (body.personId() == null) {
            if (!manages) {
                throw ProblemException.forbidden("Only the team's managers let the rules choose an owner");
            }
            if (body.teamId() != null) {
                directory.team(body.teamId()).orElseThrow(() -> ProblemException.invalid("teamId", "no such team"));
                if (!who.isAdmin() && !viewer.managedTeams().contains(body.teamId())) {
                    throw ProblemException.forbidden("Only the admin moves a lead into a team its manager does not manage");
                }
                assignment.routeInTeam(lead, body.teamId(), AssignmentRule.Strategy.ROUND_ROBIN,
                        lead.ownerId == null ? Set.of() : Set.of(lead.ownerId), who.personId(), reasonOr(body, "Assigned in team"),
                        AssignmentStrategy.ROUND_ROBIN);
            } else {
                assignment.route(lead, who.personId());
            }
        } else {
            Person to = directory.person(body.personId())
                    .orElseThrow(() -> ProblemException.invalid("personId", "no such person"));
            if (!to.active) {
                throw ProblemException.conflict(to.name + " is not active and cannot own leads");
            }
            if (to.id.equals(lead.ownerId)) {
                throw ProblemException.conflict(to.name + " already owns the lead");
            }
            Receivers.refusal(who.isAdmin(), lead.teamId, to.teamId, to.isAgent()).ifPresent(reason -> {
                throw ProblemException.forbidden(reason.replace("{name}", to.name));
            });
            boolean takesFromQueue = who.isAgent() && lead.ownerId == null && who.personId().equals(to.id)
                    && lead.teamId != null && lead.teamId.equals(viewer.teamId());
            boolean handsOwnLead = who.isAgent() && who.personId().equals(lead.ownerId);
            if (!manages && !takesFromQueue && !handsOwnLead) {
                throw ProblemException.forbidden("An agent takes their team's unassigned leads or hands over their own");
            }
            assignment.assign(lead, to, who.personId(), reasonOr(body, takesFromQueue ? "Taken from the team queue" : null),
                    AssignmentStrategy.MANUAL);
        }
        return LeadView.of(lead, directory.nameOf(lead.ownerId), clock.instant());
    }

    private static String reasonOr(AssignmentRequest body, String fallback) {
        return body.reason() == null || body.reason().isBlank() ? fallback : body.reason().strip();
    }
}
