package io.closedloop.platform.inbox;

/** What a service does with the events of one subscription. */
public interface EventHandler {

    /** Whether this handler acts on events of this type; other types are passed over and leave no trace. */
    boolean handles(String type);

    /**
     * Applies one event, inside the transaction that also records it as consumed. Throw
     * {@link PoisonEventException} (or any non-transient exception) for an event that can never be applied.
     */
    void handle(IncomingEvent event) throws Exception;
}
