package io.closedloop.leads.assignment;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Who in a team got the last lead; locked while the next one is chosen. */
@Entity
@Table(name = "team_rotation")
public class TeamRotation extends PanacheEntityBase {

    @Id
    @Column(name = "team_id")
    public String teamId;

    @Column(name = "last_person_id")
    public String lastPersonId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
