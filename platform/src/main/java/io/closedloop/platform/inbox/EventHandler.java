package io.closedloop.platform.inbox;

import java.util.List;

/** What a service does with the events of one subscription. */
public interface EventHandler {

    /** Whether this handler acts on events of this type; other types are passed over and leave no trace. */
    boolean handles(String type);

    /**
     * Applies one event, inside the transaction that also records it as consumed. Throw
     * {@link PoisonEventException} (or any non-transient exception) for an event that can never be applied.
     */
    void handle(IncomingEvent event) throws Exception;

    /**
     * Applies the fresh (never seen) events of a batch, in order, in one transaction. A handler that aggregates (e.g.
     * sums counters per key before writing them once) overrides this; the default applies them one by one.
     */
    default void handleBatch(List<IncomingEvent> events) throws Exception {
        for (IncomingEvent event : events) {
            handle(event);
        }
    }

    /**
     * The table that records consumed event ids (columns consumer, event_source, event_id). A handler whose effects
     * live in another schema keeps them there, so that the effects and the record of what was applied stay together.
     */
    default String inboxTable() {
        return "inbox_event";
    }
}
