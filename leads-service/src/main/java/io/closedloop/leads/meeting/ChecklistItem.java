package io.closedloop.leads.meeting;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Something to prepare before a meeting: a question the client may ask, a document to bring. */
@Entity
@Table(name = "meeting_checklist_item")
public class ChecklistItem extends PanacheEntityBase {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ChecklistItemKind")
    public enum Kind { QUESTION, DOCUMENT, OTHER }

    @Id
    public UUID id;

    @Column(name = "meeting_id", nullable = false)
    public UUID meetingId;

    @Column(nullable = false)
    public int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String text;

    public String answer;

    @Column(nullable = false)
    public boolean ready;

    @Column(name = "answered_by")
    public String answeredBy;

    @Column(name = "answered_at")
    public Instant answeredAt;
}
