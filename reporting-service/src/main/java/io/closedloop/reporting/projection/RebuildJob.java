package io.closedloop.reporting.projection;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One rebuild of the read models, as it stands: asked for, running with its progress, or finished. */
@Entity
@Table(name = "rebuild_job")
public class RebuildJob extends PanacheEntityBase {

    /** ABANDONED is never stored: it is what a RUNNING job whose replica stopped reporting is shown as. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RebuildState")
    public enum State { RUNNING, SUCCEEDED, FAILED, ABANDONED }

    @Id
    public UUID id;

    @Column(name = "schema_name", nullable = false)
    public String schema;

    @Column(name = "make_live", nullable = false)
    public boolean makeLive;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Per topic, records read and records to read: {@code {"leads.events":{"read":1,"total":2}}}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String progress;

    @Column(nullable = false)
    public long records;

    public String error;
}
