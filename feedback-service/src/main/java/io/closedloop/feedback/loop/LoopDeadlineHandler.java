package io.closedloop.feedback.loop;

import java.time.Instant;
import java.util.UUID;

import io.closedloop.events.loop.EchoKind;
import io.closedloop.platform.timer.DueTimer;
import io.closedloop.platform.timer.TimerHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/** Fires the chasing ladder of a loop's deadlines (see {@link LoopService#deadlineReached}). */
@ApplicationScoped
public class LoopDeadlineHandler implements TimerHandler {

    private final EntityManager entityManager;
    private final LoopService loops;

    LoopDeadlineHandler(EntityManager entityManager, LoopService loops) {
        this.entityManager = entityManager;
        this.loops = loops;
    }

    @Override
    public String kind() {
        return LoopService.TIMER;
    }

    @Override
    public void fire(DueTimer timer) {
        String[] parts = timer.payload().split("\\|");
        Loop loop = entityManager.find(Loop.class, UUID.fromString(timer.ref().substring("loop:".length())),
                LockModeType.PESSIMISTIC_WRITE);
        if (loop != null) {
            loops.deadlineReached(loop, EchoKind.valueOf(parts[0]), LoopService.Rung.valueOf(parts[1]),
                    Instant.parse(parts[2]));
        }
    }
}
