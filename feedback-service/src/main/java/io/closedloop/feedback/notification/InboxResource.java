package io.closedloop.feedback.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/inbox")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbox")
@RolesAllowed({Roles.REFERRER, Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class InboxResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(UUID id, String type, String title, String body, UUID loopId, UUID leadId, UUID complaintId,
                          Instant createdAt, Instant dueAt, Boolean late, Long latencySeconds) {

        static Message of(Notification n) {
            return new Message(n.id, n.type, n.title, n.body, n.loopId, n.leadId, n.complaintId, n.createdAt, n.dueAt,
                    n.late, n.latencySeconds);
        }
    }

    private final CurrentCaller caller;

    InboxResource(CurrentCaller caller) {
        this.caller = caller;
    }

    @GET
    @Transactional
    @Operation(summary = "The caller's messages, newest first",
            description = "Echoes of what they handed over, lateness notices, reminders and escalations. A message "
                    + "that answers a deadline says when it was due (dueAt), whether it came late, and how long after "
                    + "its clock started it came (latencySeconds). With since, only what came after that instant.")
    public List<Message> inbox(@QueryParam("since") Instant since,
                               @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        String me = caller.get().personId();
        List<Notification> rows = since == null
                ? Notification.<Notification>find("recipientId = ?1 order by createdAt desc, id desc", me).range(0, limit - 1).list()
                : Notification.<Notification>find("recipientId = ?1 and createdAt > ?2 order by createdAt desc, id desc", me, since)
                        .range(0, limit - 1).list();
        return rows.stream().map(Message::of).toList();
    }
}
