package io.closedloop.feedback.loop;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.closedloop.events.loop.LoopKind;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoopView(UUID id, LoopKind kind, LoopState state, String initiatorId, String ownerId, String subject,
                       UUID leadId, Instant openedAt, Instant receiptDueAt) {

    public static LoopView of(Loop loop) {
        return new LoopView(loop.id, loop.kind, loop.state, loop.initiatorId, loop.ownerId, loop.subject, loop.leadId,
                loop.openedAt, loop.receiptDueAt);
    }
}
