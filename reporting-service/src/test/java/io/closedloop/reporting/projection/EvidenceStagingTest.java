package io.closedloop.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.closedloop.events.CloudEventHeaders;
import io.closedloop.events.EventCatalog;
import io.closedloop.events.EventJson;
import io.closedloop.events.evidence.ActivityKind;
import io.closedloop.events.evidence.EvidenceMethod;
import io.closedloop.events.evidence.EvidenceRecorded;
import io.closedloop.reporting.ReportingConfig;
import io.closedloop.reporting.evidence.EvidenceSources;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rebuild's staging decodes on several threads, yet numbers every record in the order its event was read: chunks
 * written out of order, and records the projector adds in between, still come out of the table in that order.
 */
@QuarkusTest
class EvidenceStagingTest {

    private static final String INTEGRATOR = "/integrators/pbx";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadModel readModel;

    @Inject
    ReportingConfig config;

    @Inject
    EvidenceSources sources;

    private final String schema = "rm_staging_" + UUID.randomUUID().toString().substring(0, 6);
    private final Instant at = Instant.parse("2026-03-02T09:00:00Z");

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void records_decoded_on_several_threads_are_numbered_in_the_order_read() throws Exception {
        List<String> expected = new ArrayList<>();
        long staged;
        long skipped;
        try (Connection c = dataSource.getConnection()) {
            readModel.recreate(c, schema);
            EvidenceStaging staging = EvidenceStaging.open(c, schema, config, sources, 3);
            for (int i = 0; i < 3_000; i++) {
                String id = "st-" + i;
                if (i % 97 == 0) {
                    // An event the projector applies: its record is formatted on the reading thread, between chunks.
                    staging.add(EvidenceProjection.integrator(config, sources, INTEGRATOR, evidence(id, i)));
                    expected.add(id);
                } else if (i % 101 == 0) {
                    staging.stage(record(i, "{\"source\": \"telephony\", \"externalId\": "));
                } else {
                    staging.stage(record(i, new String(EventJson.mapper().writeValueAsBytes(evidence(id, i)),
                            StandardCharsets.UTF_8)));
                    expected.add(id);
                }
            }
            staging.close();
            staged = staging.staged();
            skipped = staging.skipped();
        }
        assertThat(staged).isEqualTo(expected.size());
        assertThat(skipped).as("the events that are not JSON").isEqualTo(29);
        assertThat(column("external_id")).containsExactlyElementsOf(expected);
        // The records' own values went with them: each row's duration is the one its event carried.
        assertThat(column("duration_seconds")).containsExactlyElementsOf(
                expected.stream().map(id -> Integer.toString(60 + Integer.parseInt(id.substring(3)))).toList());
    }

    private EvidenceRecorded evidence(String id, int n) {
        return new EvidenceRecorded("telephony", id, "st-person-" + (n % 7), "ref:st-" + (n % 13), ActivityKind.CALL,
                EvidenceMethod.CALL_RECORD, at.plusSeconds(n), 60 + n, null, null, null);
    }

    private static ConsumerRecord<String, byte[]> record(int offset, String json) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
        headers.add(CloudEventHeaders.ID, bytes(UUID.randomUUID().toString()));
        headers.add(CloudEventHeaders.SOURCE, bytes(INTEGRATOR));
        headers.add(CloudEventHeaders.TYPE, bytes(EventCatalog.EVIDENCE_RECORDED.type()));
        headers.add(CloudEventHeaders.TIME, bytes("2026-03-02T09:00:00Z"));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.CONTENT_TYPE_VALUE));
        byte[] value = bytes(json);
        return new ConsumerRecord<>("evidence", 0, offset, 0L, TimestampType.CREATE_TIME, -1, value.length,
                "telephony/st-" + offset, value, headers, Optional.empty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> column(String column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + schema + "." + EvidenceStaging.TABLE + " ORDER BY seq")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
