package io.closedloop.feedback.notification;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
import java.util.HashMap;
import java.util.Map;
import io.closedloop.platform.api.Cursor;
import io.closedloop.platform.api.Page;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/inbox")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbox")
@RolesAllowed({Roles.REFERRER, Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class InboxResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "InboxMessage", description = "A message to the caller: an echo of what they handed over, a lateness "
            + "notice, a reminder or an escalation")
    public record Message(@NotNull UUID id,
                          @NotNull @Schema(description = "What happened, as a notification type", examples = "loop.echoed")
                          String type,
                          @NotNull @Schema(examples = "Ann Agent confirmed receipt") String title,
                          @Schema(examples = "Referral: Ann Example, business loan") String body,
                          UUID loopId, UUID leadId, UUID complaintId, @NotNull Instant createdAt,
                          @Schema(description = "When what it answers was due") Instant dueAt,
                          @Schema(description = "Whether it came after dueAt") Boolean late,
                          @Schema(description = "Seconds from the start of its clock") Long latencySeconds) {

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
    @Operation(operationId = "listInbox", summary = "The caller's messages, newest first",
            description = "Echoes of what they handed over, lateness notices, reminders and escalations. A message "
                    + "that answers a deadline says when it was due (dueAt), whether it came late, and how long after "
                    + "its clock started it came (latencySeconds). With since, only what came after that instant.")
    public Page<Message> inbox(@Parameter(description = "Only messages that came after this instant") @QueryParam("since") Instant since,
                               @QueryParam("cursor") @Size(max = 200) String cursor,
                               @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        String me = caller.get().personId();
        StringBuilder query = new StringBuilder("recipientId = :me");
        Map<String, Object> parameters = new HashMap<>(Map.of("me", me));
        if (since != null) {
            query.append(" and createdAt > :since");
            parameters.put("since", since);
        }
        Cursor.appendAfter(query, parameters, cursor, "inbox", "createdAt", true);
        List<Notification> rows = Notification.<Notification>find(query + " order by createdAt desc, id desc", parameters)
                .range(0, limit).list();
        Notification last = rows.size() > limit ? rows.get(limit - 1) : null;
        return new Page<>(rows.stream().limit(limit).map(Message::of).toList(),
                last == null ? null : Cursor.encode("inbox", last.createdAt.toString(), last.id.toString()));
    }
}
