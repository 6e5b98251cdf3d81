package io.closedloop.feedback.loop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import io.closedloop.events.EventCatalog;
import io.closedloop.events.loop.EchoKind;
import io.closedloop.events.loop.EchoSource;
import io.closedloop.events.loop.LoopClosed;
import io.closedloop.events.loop.LoopConfirmed;
import io.closedloop.events.loop.LoopEchoed;
import io.closedloop.events.loop.LoopEscalated;
import io.closedloop.events.loop.LoopKind;
import io.closedloop.events.loop.LoopOpened;
import io.closedloop.events.loop.LoopOverdue;
import io.closedloop.events.loop.LoopReceiptRecorded;
import io.closedloop.feedback.FeedbackConfig;
import io.closedloop.feedback.directory.Directory;
import io.closedloop.feedback.notification.NotificationType;
import io.closedloop.feedback.notification.Notifier;
import io.closedloop.platform.outbox.Outbox;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.time.BusinessCalendar;
import io.closedloop.platform.timer.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Keeps loops: opens them, follows their owner, records echoes with their latency against each deadline, closes them
 * on the outcome and chases them when an echo is late (the owner reminded, the initiator told, then the manager).
 */
@ApplicationScoped
public class LoopService {

    static final String TIMER = "loop-deadline";
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    enum Rung { LATE, ESCALATE }

    private final Directory directory;
    private final Notifier notifier;
    private final Outbox outbox;
    private final Timers timers;
    private final FeedbackConfig config;
    private final Clock clock;

    LoopService(Directory directory, Notifier notifier, Outbox outbox, Timers timers, FeedbackConfig config, Clock clock) {
        this.directory = directory;
        this.notifier = notifier;
        this.outbox = outbox;
        this.timers = timers;
        this.config = config;
        this.clock = clock;
    }

    /** A time as people read it in a message. */
    public static String when(Instant at) {
        return WHEN.format(at);
    }

    public EchoPolicy policy(LoopKind kind) {
        return EchoPolicy.of(config, kind);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Loop open(LoopKind kind, String initiatorId, String ownerId, String teamId, String subject, UUID leadId,
                     Instant openedAt, Instant outcomeDueAt, String openedBy) {
        Loop loop = new Loop();
        loop.id = UUID.randomUUID();
        loop.kind = kind;
        loop.state = LoopState.OPEN;
        loop.initiatorId = initiatorId;
        loop.ownerId = ownerId;
        loop.teamId = teamId != null ? teamId : directory.teamOf(ownerId);
        loop.subject = subject;
        loop.leadId = leadId;
        loop.openedAt = openedAt;
        loop.openedBy = openedBy;
        EchoPolicy policy = policy(kind);
        BusinessCalendar calendar = directory.calendarOf(loop.teamId);
        loop.receiptDueAt = policy.receiptDue(calendar, openedAt);
        loop.progressDueAt = policy.progressDue(calendar, openedAt, null);
        loop.outcomeDueAt = outcomeDueAt != null ? outcomeDueAt : policy.outcomeDue(calendar, openedAt);
        loop.persist();
        rescheduleDeadlines(loop);
        outbox.publish(EventCatalog.LOOP_OPENED, loop.id.toString(), new LoopOpened(loop.id, kind, initiatorId, ownerId,
                subject, leadId, openedAt, loop.receiptDueAt));
        if (ownerId != null) {
            tellOwnerTheyOwe(loop);
        }
        return loop;
    }

    /** The work moved to someone else (or back to a queue): the loop follows it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void ownerChanged(Loop loop, String ownerId, String teamId) {
        if (!loop.isOpen() || Objects.equals(loop.ownerId, ownerId)) {
            return;
        }
        loop.ownerId = ownerId;
        String previousTeam = loop.teamId;
        if (teamId != null) {
            loop.teamId = teamId;
        } else if (ownerId != null && directory.teamOf(ownerId) != null) {
            loop.teamId = directory.teamOf(ownerId);
        }
        if (!Objects.equals(previousTeam, loop.teamId)) {
            // The deadlines count the owning team's business hours: recount those still pending in the new team's.
            EchoPolicy policy = policy(loop.kind);
            BusinessCalendar calendar = directory.calendarOf(loop.teamId);
            if (loop.receiptAt == null) {
                loop.receiptDueAt = policy.receiptDue(calendar, loop.openedAt);
            }
            loop.progressDueAt = policy.progressDue(calendar, loop.openedAt, loop.lastProgressAt);
        }
        rescheduleDeadlines(loop);
        if (ownerId != null) {
            tellOwnerTheyOwe(loop);
        }
    }

    /**
     * Records an echo and tells the initiator. An automatic progress echo reaches the initiator but does not count as
     * progress where the policy asks for the owner's own words; an outcome closes the loop.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Echo echo(Loop loop, EchoKind kind, EchoSource source, String authorId, String message, Instant occurredAt) {
        if (!loop.isOpen()) {
            throw ProblemException.conflict("The loop is " + loop.state.name().toLowerCase() + "; its outcome was told");
        }
        EchoPolicy policy = policy(loop.kind);
        Instant now = clock.instant();
        Instant dueAt = switch (kind) {
            case RECEIPT -> loop.receiptAt == null ? loop.receiptDueAt : null;
            case PROGRESS -> loop.progressDueAt;
            case OUTCOME -> loop.outcomeDueAt;
        };
        Instant clockStart = kind == EchoKind.PROGRESS && loop.lastProgressAt != null ? loop.lastProgressAt : loop.openedAt;
        Echo echo = new Echo();
        echo.id = UUID.randomUUID();
        echo.loopId = loop.id;
        echo.kind = kind;
        echo.source = source;
        echo.authorId = authorId;
        echo.message = message;
        echo.occurredAt = occurredAt;
        echo.recordedAt = now;
        echo.dueAt = dueAt;
        echo.late = dueAt != null && occurredAt.isAfter(dueAt);
        echo.latencySeconds = Math.max(0, Duration.between(clockStart, occurredAt).toSeconds());
        echo.persist();
        loop.echoes++;
        if (echo.late) {
            loop.lateEchoes++;
        }
        switch (kind) {
            case RECEIPT -> {
                if (loop.receiptAt == null) {
                    loop.receiptAt = occurredAt;
                    outbox.publish(EventCatalog.LOOP_RECEIPT_RECORDED, loop.id.toString(), new LoopReceiptRecorded(
                            loop.id, loop.kind, loop.leadId, loop.initiatorId, loop.ownerId, source, loop.openedAt,
                            occurredAt, dueAt, echo.late, echo.latencySeconds));
                }
            }
            case PROGRESS -> {
                if (source == EchoSource.PERSONAL || !policy.personalProgress()) {
                    loop.lastProgressAt = occurredAt;
                    loop.progressDueAt = policy.progressDue(directory.calendarOf(loop.teamId), loop.openedAt, occurredAt);
                }
            }
            case OUTCOME -> {
                loop.state = LoopState.CLOSED;
                loop.closedAt = occurredAt;
                loop.outcome = message;
            }
        }
        rescheduleDeadlines(loop);
        outbox.publish(EventCatalog.LOOP_ECHOED, loop.id.toString(), new LoopEchoed(loop.id, echo.id, loop.kind,
                loop.leadId, loop.initiatorId, loop.ownerId, kind, source, occurredAt, dueAt, echo.late,
                echo.latencySeconds));
        if (kind == EchoKind.OUTCOME) {
            outbox.publish(EventCatalog.LOOP_CLOSED, loop.id.toString(), new LoopClosed(loop.id, loop.kind, loop.leadId,
                    loop.initiatorId, loop.ownerId, loop.teamId, message, loop.openedAt, loop.closedAt, loop.echoes,
                    loop.lateEchoes));
        }
        notifier.notify(loop.initiatorId, switch (kind) {
            case RECEIPT -> NotificationType.LOOP_RECEIPT;
            case PROGRESS -> NotificationType.LOOP_PROGRESS;
            case OUTCOME -> NotificationType.LOOP_OUTCOME;
        }, titleOf(kind, loop), message + (echo.late ? " (late: it was due " + WHEN.format(dueAt) + ")" : ""),
                Notifier.About.loop(loop.id, loop.leadId));
        return echo;
    }

    /** The initiator says they heard the outcome. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Loop confirm(Loop loop, String by) {
        if (loop.state != LoopState.CLOSED) {
            throw ProblemException.conflict(loop.state == LoopState.OPEN
                    ? "The loop is still open: there is no outcome to confirm yet" : "The loop is already confirmed");
        }
        loop.state = LoopState.CONFIRMED;
        loop.confirmedAt = clock.instant();
        outbox.publish(EventCatalog.LOOP_CONFIRMED, loop.id.toString(), new LoopConfirmed(loop.id, loop.kind, loop.leadId,
                loop.initiatorId, loop.ownerId, loop.confirmedAt));
        notifier.notify(loop.ownerId, NotificationType.LOOP_OUTCOME, "Outcome confirmed",
                directory.nameOf(by) + " confirmed they heard the outcome of " + loop.subject + ".",
                Notifier.About.loop(loop.id, loop.leadId));
        return loop;
    }

    /** A deadline timer came due: chase, if the echo it waited for is still missing. */
    @Transactional(Transactional.TxType.MANDATORY)
    void deadlineReached(Loop loop, EchoKind kind, Rung rung, Instant dueAt) {
        if (!loop.isOpen() || !dueAt.equals(pending(loop, kind))) {
            return;
        }
        Instant now = clock.instant();
        String owed = switch (kind) {
            case RECEIPT -> "confirm receipt of";
            case PROGRESS -> "give news of";
            case OUTCOME -> "tell the outcome of";
        };
        String owner = loop.ownerId == null ? "Nobody yet" : directory.nameOf(loop.ownerId);
        if (rung == Rung.LATE) {
            outbox.publish(EventCatalog.LOOP_OVERDUE, loop.id.toString(), new LoopOverdue(loop.id, loop.kind, loop.leadId,
                    loop.initiatorId, loop.ownerId, loop.teamId, kind, dueAt, now));
            String remindWho = loop.ownerId != null ? loop.ownerId : directory.managerOf(null, loop.teamId);
            notifier.notify(remindWho, NotificationType.LOOP_REMINDER, "You owe " + directory.nameOf(loop.initiatorId) + " an echo",
                    "Please " + owed + " " + loop.subject + " to " + directory.nameOf(loop.initiatorId) + "; it was due "
                            + WHEN.format(dueAt) + ".", Notifier.About.loop(loop.id, loop.leadId));
            notifier.notify(loop.initiatorId, NotificationType.LOOP_LATE, "Late: " + loop.subject,
                    owner + " has not yet " + (kind == EchoKind.RECEIPT ? "confirmed receipt of" : kind == EchoKind.PROGRESS
                            ? "given news of" : "told the outcome of") + " " + loop.subject + "; it was due "
                            + WHEN.format(dueAt) + ". They have been reminded.", Notifier.About.loop(loop.id, loop.leadId));
        } else {
            String manager = directory.managerOf(loop.ownerId, loop.teamId);
            outbox.publish(EventCatalog.LOOP_ESCALATED, loop.id.toString(), new LoopEscalated(loop.id, loop.kind,
                    loop.leadId, loop.initiatorId, loop.ownerId, manager, loop.teamId, kind, dueAt, now));
            notifier.notify(manager, NotificationType.LOOP_ESCALATION, "Escalation: " + loop.subject,
                    owner + " still has to " + owed + " " + loop.subject + " to " + directory.nameOf(loop.initiatorId)
                            + "; it was due " + WHEN.format(dueAt) + ".", Notifier.About.loop(loop.id, loop.leadId));
        }
    }

    /** The deadline of an echo still owed, or null. */
    static Instant pending(Loop loop, EchoKind kind) {
        return switch (kind) {
            case RECEIPT -> loop.receiptAt == null ? loop.receiptDueAt : null;
            case PROGRESS -> loop.progressDueAt;
            case OUTCOME -> loop.outcomeDueAt;
        };
    }

    private void rescheduleDeadlines(Loop loop) {
        String ref = "loop:" + loop.id;
        timers.cancel(ref, TIMER);
        if (!loop.isOpen()) {
            loop.nextDueAt = null;
            return;
        }
        EchoPolicy policy = policy(loop.kind);
        BusinessCalendar calendar = directory.calendarOf(loop.teamId);
        List<Instant> dues = new ArrayList<>();
        for (EchoKind kind : EchoKind.values()) {
            Instant due = pending(loop, kind);
            if (due != null) {
                dues.add(due);
                timers.schedule(TIMER, ref, due, kind + "|" + Rung.LATE + "|" + due);
                timers.schedule(TIMER, ref, policy.escalation(calendar, due), kind + "|" + Rung.ESCALATE + "|" + due);
            }
        }
        loop.nextDueAt = dues.stream().min(Instant::compareTo).orElse(null);
    }

    private void tellOwnerTheyOwe(Loop loop) {
        Stream<String> expectations = Stream.of(
                loop.receiptAt == null ? "a receipt by " + WHEN.format(loop.receiptDueAt) : null,
                loop.progressDueAt == null ? null : "news by " + WHEN.format(loop.progressDueAt),
                loop.outcomeDueAt == null ? null : "the outcome by " + WHEN.format(loop.outcomeDueAt));
        notifier.notify(loop.ownerId, NotificationType.LOOP_OPENED, "You owe " + directory.nameOf(loop.initiatorId) + " an echo",
                loop.subject + ": " + directory.nameOf(loop.initiatorId) + " expects "
                        + String.join(", ", expectations.filter(Objects::nonNull).toList()) + ".",
                Notifier.About.loop(loop.id, loop.leadId));
    }

    private String titleOf(EchoKind kind, Loop loop) {
        return switch (kind) {
            case RECEIPT -> "Received: " + loop.subject;
            case PROGRESS -> "News: " + loop.subject;
            case OUTCOME -> "Outcome: " + loop.subject;
        };
    }
}
