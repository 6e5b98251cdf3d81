package io.closedloop.leads.lead;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The lead a caller created with an {@code Idempotency-Key}, and a fingerprint of the request that created it. */
@Entity
@Table(name = "idempotency_key")
@IdClass(IdempotencyKey.Id.class)
public class IdempotencyKey extends PanacheEntityBase {

    public record Id(String caller, String key) implements Serializable {
        public Id() {
            this(null, null);
        }
    }

    @jakarta.persistence.Id
    public String caller;

    @jakarta.persistence.Id
    public String key;

    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
