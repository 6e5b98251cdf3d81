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
import io.closedloop.feedback.directory.Directory;
import io.closedloop.feedback.policy.EchoPolicies;
import io.closedloop.feedback.policy.EchoPolicy;
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
    private final EchoPolicies policies;
    private final Clock clock;

    LoopService(Directory directory, Notifier notifier, Outbox outbox, Timers timers, EchoPolicies policies, Clock clock) {
        this.directory = directory;
        this.notifier = notifier;
        this.outbox = outbox;
        this.timers = timers;
        this.policies = policies;
        this.clock = clock;
    }

    /** A time as people read it in a message. */
    public static String when(Instant at) {
        return WHEN.format(at);
    }

    public EchoPolicy policy(LoopKind kind) {
        return policies.of(kind);
    }

    /**
     * Opens a loop. A loop about a lead names its customer; its receipt is the owner's acknowledgment, due by the
     * lead's own deadline ({@code receiptDueAt}) when there is one, else by the kind's policy.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Loop open(LoopKind kind, String initiatorId, String ownerId, String teamId, String subject, UUID leadId,
                     String customerRef, Instant openedAt, Instant receiptDueAt, Instant outcomeDueAt, String openedBy) {
        Loop loop = new Loop();
        loop.id = UUID.randomUUID();
        loop.kind = kind;
        loop.state = LoopState.OPEN;
        loop.initiatorId = initiatorId;
        loop.ownerId = ownerId;
        loop.teamId = teamId != null ? teamId : directory.teamOf(ownerId);
        loop.subject = subject;
        loop.leadId = leadId;
        loop.customerRef = customerRef;
        loop.openedAt = openedAt;
        loop.openedBy = openedBy;
        EchoPolicy policy = policy(kind);
        BusinessCalendar calendar = directory.calendarOf(loop.teamId);
        loop.receiptDueAt = receiptDueAt != null ? receiptDueAt : policy.receiptDue(calendar, openedAt);
        loop.progressDueAt = policy.progressDue(calendar, openedAt, null);
        loop.outcomeDueAt = outcomeDueAt != null ? outcomeDueAt : policy.outcomeDue(calendar, openedAt);
        loop.persist();
        rescheduleDeadlines(loop);
        outbox.publish(EventCatalog.LOOP_OPENED, loop.id.toString(), new LoopOpened(loop.id, kind, initiatorId, ownerId,
                subject, leadId, openedAt, loop.receiptDueAt, loop.teamId));
        if (ownerId != null) {
            tellOwnerTheyOwe(loop);
        }
        return loop;
    }

    /**
     * The work moved to someone else (or back to a queue) at {@code at}: the loop follows it. A receipt still owed is
     * due by the new owner's acknowledgment deadline ({@code acknowledgeBy}, when the lead has one), unless the receipt
     * deadline had already passed: a dropped ball stays late, and the initiator hears of it, however quickly a
     * colleague picks it up.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void ownerChanged(Loop loop, String ownerId, String teamId, Instant at, Instant acknowledgeBy) {
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
        EchoPolicy policy = policy(loop.kind);
        BusinessCalendar calendar = directory.calendarOf(loop.teamId);
        boolean receiptOwed = loop.receiptAt == null;
        boolean receiptMissed = receiptOwed && loop.receiptDueAt != null && !loop.receiptDueAt.isAfter(at);
        if (receiptOwed && !receiptMissed) {
            if (acknowledgeBy != null) {
                loop.receiptDueAt = acknowledgeBy;
            } else if (!Objects.equals(previousTeam, loop.teamId)) {
                loop.receiptDueAt = policy.receiptDue(calendar, loop.openedAt);
            }
        }
        if (!Objects.equals(previousTeam, loop.teamId)) {
            // The deadlines count the owning team's business hours: recount progress in the new team's.
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
        }, titleOf(kind, loop), message + (echo.late ? " (late: it was due " + WHEN.format(dueAt) + "; "
                        + lateness(dueAt, occurredAt) + " late)" : ""),
                Notifier.About.loop(loop.id, loop.leadId), new Notifier.Timing(dueAt, echo.late, echo.latencySeconds));
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
                loop.initiatorId, loop.ownerId, loop.confirmedAt, loop.customerRef, loop.closedAt));
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
            String what = (kind == EchoKind.RECEIPT ? "confirmed receipt of" : kind == EchoKind.PROGRESS
                    ? "given news of" : "told the outcome of") + " " + loop.subject + "; it was due " + WHEN.format(dueAt);
            notifier.notify(loop.initiatorId, NotificationType.LOOP_LATE, "Late: " + loop.subject,
                    loop.ownerId == null ? "Nobody has yet " + what + ". The team's manager has been reminded."
                            : owner + " has not yet " + what + ". They have been reminded.",
                    Notifier.About.loop(loop.id, loop.leadId), Notifier.Timing.of(clockStart(loop, kind), dueAt, now));
        } else {
            String manager = directory.managerOf(loop.ownerId, loop.teamId);
            outbox.publish(EventCatalog.LOOP_ESCALATED, loop.id.toString(), new LoopEscalated(loop.id, loop.kind,
                    loop.leadId, loop.initiatorId, loop.ownerId, manager, loop.teamId, kind, dueAt, now));
            notifier.notify(manager, NotificationType.LOOP_ESCALATION, "Escalation: " + loop.subject,
                    owner + " still has to " + owed + " " + loop.subject + " to " + directory.nameOf(loop.initiatorId)
                            + "; it was due " + WHEN.format(dueAt) + ".", Notifier.About.loop(loop.id, loop.leadId));
        }
    }

    /**
     * The lead behind a loop missed a deadline and its owner's manager was told: the initiator hears it too, with how
     * late it is, so a dropped ball is never news only inside the team.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void leadEscalated(Loop loop, String deadline, String ownerId, String managerId, Instant dueAt, Instant at) {
        if (!loop.isOpen()) {
            return;
        }
        String manager = managerId == null ? "nobody (the team has no manager)" : directory.nameOf(managerId);
        notifier.notify(loop.initiatorId, NotificationType.LOOP_LEAD_ESCALATED, "Escalated: " + loop.subject,
                directory.nameOf(ownerId) + " missed the " + deadline + " deadline of " + loop.subject + " (due "
                        + WHEN.format(dueAt) + ", " + lateness(dueAt, at) + " late). Their manager has been told: "
                        + manager + ".", Notifier.About.loop(loop.id, loop.leadId),
                Notifier.Timing.of(loop.openedAt, dueAt, at));
    }

    /**
     * The lead behind a loop was taken from an owner who did not acknowledge it in time: the initiator hears who has
     * it now, or that it waits in the team's queue.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void leadReassigned(Loop loop, String fromOwnerId, String toOwnerId, String teamId, Instant dueAt, Instant at) {
        if (!loop.isOpen()) {
            return;
        }
        String now = toOwnerId != null ? "It is now with " + directory.nameOf(toOwnerId) + "."
                : "It now waits in the queue of " + directory.teamName(teamId) + ", and its manager has been told.";
        notifier.notify(loop.initiatorId, NotificationType.LOOP_LEAD_REASSIGNED, "Reassigned: " + loop.subject,
                directory.nameOf(fromOwnerId) + " did not acknowledge " + loop.subject + " by " + WHEN.format(dueAt)
                        + " (" + lateness(dueAt, at) + " late). " + now, Notifier.About.loop(loop.id, loop.leadId),
                Notifier.Timing.of(loop.openedAt, dueAt, at));
    }

    /** How long {@code at} is past {@code dueAt}, as people say it: "40 min", "3 h 5 min", "2 days 4 h". */
    static String lateness(Instant dueAt, Instant at) {
        Duration late = Duration.between(dueAt, at);
        if (late.isNegative()) {
            late = Duration.ZERO;
        }
        if (late.toDays() > 0) {
            return late.toDays() + (late.toDays() == 1 ? " day " : " days ") + late.toHoursPart() + " h";
        }
        if (late.toHours() > 0) {
            return late.toHours() + " h " + late.toMinutesPart() + " min";
        }
        return Math.max(1, late.toMinutes()) + " min";
    }

    private static Instant clockStart(Loop loop, EchoKind kind) {
        return kind == EchoKind.PROGRESS && loop.lastProgressAt != null ? loop.lastProgressAt : loop.openedAt;
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
