package io.closedloop.feedback.directory;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person as leads-service last described them. */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "team_id")
    public String teamId;

    /** Where e-mail echoes go, for those who want them (absent: inbox only). */
    public String email;

    @Column(name = "manager_id")
    public String managerId;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
