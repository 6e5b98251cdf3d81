package io.closedloop.feedback.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import io.closedloop.events.EventJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person's webhook: their notifications of the chosen types, POSTed to {@code url}, signed with {@code secret}. */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "SubscriptionState",
            description = "SUSPENDED after repeated failures, until resumed")
    public enum State { ACTIVE, SUSPENDED }

    /**
     * The body's shape: Closed Loop's own JSON (signed, for integrations), or the message as a Slack or a Microsoft
     * Teams incoming webhook takes it, so that an echo can be posted straight into a channel.
     */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "SubscriptionFormat",
            description = "STANDARD: Closed Loop's signed JSON; SLACK, TEAMS: as that tool's incoming webhook takes it")
    public enum Format { STANDARD, SLACK, TEAMS }

    @Id
    public UUID id;

    @Version
    public long version;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(nullable = false)
    public String url;

    @Column(nullable = false)
    public String secret;

    /** JSON array of notification type names; empty means every type. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String types;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Format format = Format.STANDARD;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "suspended_at")
    public Instant suspendedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The notification types wanted; empty means all. */
    public List<String> typeList() {
        try {
            return EventJson.mapper().readValue(types, new TypeReference<List<String>>() { });
        } catch (Exception e) {
            throw new IllegalStateException("Subscription types unreadable: " + types, e);
        }
    }

    public boolean wants(String type) {
        List<String> wanted = typeList();
        return wanted.isEmpty() || wanted.contains(type);
    }
}
