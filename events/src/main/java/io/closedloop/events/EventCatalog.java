package io.closedloop.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.closedloop.events.lead.LeadReceived;
import io.closedloop.events.loop.LoopOpened;

/**
 * Every event type the suite publishes. A type, once released, is never changed in a way that breaks a consumer
 * (the schema test enforces it): a breaking change is a new type with the next version suffix.
 */
public final class EventCatalog {

    public static final EventType<LeadReceived> LEAD_RECEIVED =
            EventType.of("io.closedloop.lead.received.v1", Topics.LEADS, LeadReceived.class);

    public static final EventType<LoopOpened> LOOP_OPENED =
            EventType.of("io.closedloop.loop.opened.v1", Topics.FEEDBACK, LoopOpened.class);

    private static final List<EventType<?>> ALL = List.of(
            LEAD_RECEIVED,
            LOOP_OPENED);

    private static final Map<String, EventType<?>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private EventCatalog() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
