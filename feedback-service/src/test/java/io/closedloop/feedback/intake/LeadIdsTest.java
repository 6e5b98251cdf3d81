package io.closedloop.feedback.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.closedloop.events.lead.LeadAcknowledged;
import io.closedloop.events.person.PersonChanged;
import org.junit.jupiter.api.Test;

class LeadIdsTest {

    @Test
    void aLeadEventNamesItsLead() {
        UUID lead = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-30T09:00:00Z");
        assertEquals(lead, LeadIds.of(new LeadAcknowledged(lead, "ann", "team-1", null, now, now, now, false)));
    }

    @Test
    void aDirectoryEventNamesNoLead() {
        PersonChanged person = new PersonChanged("ann", "Ann", null, "team-1", null, List.of("AGENT"), true, null,
                null, Instant.parse("2026-11-30T09:00:00Z"));
        assertNull(LeadIds.of(person));
    }
}
