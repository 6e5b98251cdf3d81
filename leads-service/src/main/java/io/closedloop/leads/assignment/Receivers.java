package io.closedloop.leads.assignment;

import java.util.Optional;

/**
 * Who may receive a lead: an agent (a referrer or a manager who is not an agent works no leads), of the lead's own team —
 * a handover to someone outside it would show them another team's customer and its referrer's loop. The admin may
 * give a lead to an agent of any team. Pure.
 */
public final class Receivers {

    private Receivers() {
    }

    /** Why the person cannot receive the lead ({@code {name}} stands for them), or empty when they can. */
    public static Optional<String> refusal(boolean byAdmin, String leadTeamId, String receiverTeamId, boolean receiverIsAgent) {
        if (!receiverIsAgent) {
            return Optional.of("{name} is not an agent: only agents receive leads");
        }
        if (!byAdmin && (leadTeamId == null || !leadTeamId.equals(receiverTeamId))) {
            return Optional.of("{name} is not in the lead's team: only the admin hands a lead to another team");
        }
        return Optional.empty();
    }
}
