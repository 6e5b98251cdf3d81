package io.closedloop.leads.lead;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.closedloop.leads.settings.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Writes a lead's history in the transaction of each change. */
@ApplicationScoped
public class History {

    private final Clock clock;

    History(Clock clock) {
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID leadId, String actor, String action, String reason, Object... detailPairs) {
        LeadHistory entry = new LeadHistory();
        entry.leadId = leadId;
        entry.at = clock.instant();
        entry.actor = actor;
        entry.action = action;
        entry.reason = reason;
        if (detailPairs.length > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            for (int i = 0; i + 1 < detailPairs.length; i += 2) {
                if (detailPairs[i + 1] != null) {
                    details.put(String.valueOf(detailPairs[i]), detailPairs[i + 1]);
                }
            }
            entry.details = Json.write(details);
        }
        entry.persist();
    }
}
