package io.closedloop.feedback.loop;

import java.time.Instant;
import java.util.UUID;

import io.closedloop.events.loop.EchoKind;
import io.closedloop.events.loop.EchoSource;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One message back to the initiator, with the deadline it answered and how long it took. */
@Entity
@Table(name = "echo")
public class Echo extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "loop_id", nullable = false)
    public UUID loopId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EchoKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EchoSource source;

    @Column(name = "author_id", nullable = false)
    public String authorId;

    @Column(nullable = false)
    public String message;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(nullable = false)
    public boolean late;

    @Column(name = "latency_seconds", nullable = false)
    public long latencySeconds;
}
