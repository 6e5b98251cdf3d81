package io.closedloop.feedback.loop;

import java.util.List;
import java.util.UUID;

import io.closedloop.platform.api.Patterns;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/loops")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Loops")
@RolesAllowed({Roles.REFERRER, Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class LoopResource {

    private final CurrentCaller caller;

    LoopResource(CurrentCaller caller) {
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Loops by initiator; without one, the caller's own")
    public List<LoopView> list(@QueryParam("initiatorId")
                               @Pattern(regexp = Patterns.PERSON_ID, message = Patterns.PERSON_ID_MESSAGE)
                               String initiatorId) {
        Caller who = caller.get();
        String initiator = initiatorId == null ? who.personId() : initiatorId;
        if (!initiator.equals(who.personId()) && !who.isAdmin() && !who.isManager()) {
            return List.of();
        }
        return Loop.<Loop>find("initiatorId = ?1 order by openedAt desc, id", initiator).page(0, 100).list()
                .stream().map(LoopView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One loop")
    public LoopView get(@PathParam("id") UUID id) {
        Caller who = caller.get();
        return Loop.<Loop>findByIdOptional(id)
                .filter(l -> who.isAdmin() || who.isManager() || who.personId().equals(l.initiatorId)
                        || who.personId().equals(l.ownerId))
                .map(LoopView::of)
                .orElseThrow(() -> ProblemException.notFound("loop", id));
    }
}
