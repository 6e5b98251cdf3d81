package io.closedloop.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

    private static RecordHeaders headers(String... nameValues) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.add(nameValues[i], nameValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static RecordHeaders valid() {
        return headers("ce_specversion", "1.0", "ce_id", "e-1", "ce_source", "/leads-service",
                "ce_type", "io.closedloop.lead.received.v1", "ce_time", "2026-11-20T10:00:00Z", "ce_subject", "k");
    }

    private static ConsumerRecord<String, byte[]> record(RecordHeaders headers, String value) {
        return new ConsumerRecord<>("leads.events", 2, 41L, 0L, TimestampType.CREATE_TIME, 0, 0, "k",
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers, java.util.Optional.empty());
    }

    @Test
    void a_binary_mode_cloud_event_is_read_with_its_position() {
        IncomingEvent event = EventDecoder.decode(record(valid(), "{\"a\":1}"));
        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.source()).isEqualTo("/leads-service");
        assertThat(event.type()).isEqualTo("io.closedloop.lead.received.v1");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(event.subject()).isEqualTo("k");
        assertThat(event.data().path("a").asInt()).isEqualTo(1);
        assertThat(event.position()).isEqualTo("leads.events/2@41");
    }

    @Test
    void each_defect_is_named() {
        assertThatThrownBy(() -> EventDecoder.decode(record(headers("ce_id", "x"), "{}")))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("ce_specversion");
        RecordHeaders wrongVersion = valid();
        wrongVersion.remove("ce_specversion");
        wrongVersion.add("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> EventDecoder.decode(record(wrongVersion, "{}")))
                .hasMessageContaining("Unsupported CloudEvents spec version '0.3'");
        RecordHeaders noType = valid();
        noType.remove("ce_type");
        assertThatThrownBy(() -> EventDecoder.decode(record(noType, "{}"))).hasMessageContaining("ce_type");
        RecordHeaders badTime = valid();
        badTime.remove("ce_time");
        badTime.add("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> EventDecoder.decode(record(badTime, "{}"))).hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> EventDecoder.decode(record(valid(), null))).hasMessageContaining("has no data");
        assertThatThrownBy(() -> EventDecoder.decode(record(valid(), "[1]"))).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> EventDecoder.decode(record(valid(), "{\"a\":"))).hasMessageContaining("is not JSON");
    }

    private static RecordHeaders evidence() {
        return headers("ce_specversion", "1.0", "ce_id", "e-2", "ce_source", "/integrators/pbx",
                "ce_type", io.closedloop.events.EventCatalog.EVIDENCE_RECORDED.type());
    }

    @Test
    void read_straight_into_its_record_an_event_is_what_decode_and_data_read() {
        String json = "{\"source\":\"pbx\",\"externalId\":\"c-1\",\"personId\":\"amy\",\"customerRef\":\"ref:1\","
                + "\"kind\":\"CALL\",\"method\":\"CALL_RECORD\",\"occurredAt\":\"2026-11-20T10:00:00.123456789Z\","
                + "\"durationSeconds\":60,\"unknown\":[1]}";
        var typed = EventDecoder.decode(record(evidence(), json), io.closedloop.events.EventCatalog.EVIDENCE_RECORDED);
        IncomingEvent event = EventDecoder.decode(record(evidence(), json));

        assertThat(typed.data()).isEqualTo(event.data(io.closedloop.events.EventCatalog.EVIDENCE_RECORDED));
        assertThat(typed.id()).isEqualTo("e-2");
        assertThat(typed.source()).isEqualTo("/integrators/pbx");
    }

    @Test
    void read_straight_into_its_record_a_defective_event_is_poison_as_it_was() {
        for (String defective : new String[] {"[1, 2", "null", "[]", "42", "{\"source\":\"pbx\"}",
                "{\"source\":\"pbx\",\"externalId\":\"c-1\",\"personId\":\"amy\",\"customerRef\":\"ref:1\","
                        + "\"kind\":\"NAP\",\"method\":\"CALL_RECORD\",\"occurredAt\":\"2026-11-20T10:00:00Z\"}"}) {
            assertThatThrownBy(() -> EventDecoder.decode(record(evidence(), defective),
                    io.closedloop.events.EventCatalog.EVIDENCE_RECORDED)).as(defective)
                    .isInstanceOf(PoisonEventException.class);
            assertThatThrownBy(() -> EventDecoder.decode(record(evidence(), defective))
                    .data(io.closedloop.events.EventCatalog.EVIDENCE_RECORDED)).as(defective)
                    .isInstanceOf(PoisonEventException.class);
        }
    }
}
