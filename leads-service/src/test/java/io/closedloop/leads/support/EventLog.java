package io.closedloop.leads.support;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.closedloop.events.CloudEventHeaders;
import io.closedloop.events.EventJson;
import io.closedloop.events.Topics;
import io.closedloop.stack.testing.TestRun;
import io.closedloop.stack.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The events leads-service published about one aggregate, read back from the real topic. */
public final class EventLog {

    public record Event(String type, JsonNode data) {

        public String shortType() {
            return type.replace("io.closedloop.", "").replace(".v1", "");
        }
    }

    private EventLog() {
    }

    /** The events keyed {@code key}, in order, once {@code until} holds for them (fails after 30 s). */
    public static List<Event> of(String key, Predicate<List<Event>> until) {
        TestRun run = TestRun.current();
        try (TopicReader reader = new TopicReader(run.kafkaBootstrapServers(), run.topic(Topics.LEADS))) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(rs -> until.test(events(rs, key)),
                    Duration.ofSeconds(30));
            return events(records, key);
        }
    }

    /** Waits until the events of {@code key} include every type given (short names, e.g. {@code lead.assigned}). */
    public static List<Event> including(String key, String... shortTypes) {
        return of(key, events -> {
            List<String> seen = events.stream().map(Event::shortType).toList();
            return seen.containsAll(List.of(shortTypes));
        });
    }

    public static List<String> types(List<Event> events) {
        return events.stream().map(Event::shortType).toList();
    }

    private static List<Event> events(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).map(r -> {
            try {
                return new Event(TopicReader.header(r, CloudEventHeaders.TYPE), EventJson.mapper().readTree(r.value()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
