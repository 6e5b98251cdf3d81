package io.closedloop.leads;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** leads-service settings; each can be set from the environment (CLOSEDLOOP_LEADS_LOSS_REASONS, …). */
@ConfigMapping(prefix = "closedloop.leads")
public interface LeadsConfig {

    /** The reasons a lead may be lost for; POST /leads/{id}/outcome accepts only these. */
    @WithDefault("PRICE,COMPETITOR,NO_BUDGET,NO_DECISION,NO_RESPONSE,NOT_A_FIT,TIMING,DUPLICATE,OTHER")
    List<String> lossReasons();

    /** When whoever handed a lead over checks back with the client and the new owner (business time). */
    @WithDefault("16h")
    Duration handoffCheckAfter();

    /** When before a meeting its owner is reminded to confirm it with the customer. */
    @WithDefault("24h")
    Duration meetingConfirmationBefore();

    /** When before a meeting it is flagged if still unconfirmed. */
    @WithDefault("2h")
    Duration meetingUnconfirmedBefore();
}
