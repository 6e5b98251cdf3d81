package io.closedloop.stack.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} application real infrastructure: the JVM's PostgreSQL server and Kafka broker (see
 * {@link Infrastructure}), a database of its own, and topic and consumer group names unique to this run, so two runs,
 * or two applications of one run, never see each other's data.
 */
public class InfrastructureResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Infrastructure infrastructure = Infrastructure.shared();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String database = "test_" + run;
        infrastructure.postgres().ensureDatabase(database);
        TestRun.set(new TestRun(run, infrastructure));

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", infrastructure.postgres().jdbcUrl(database));
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "");
        config.put("kafka.bootstrap.servers", infrastructure.kafka().bootstrapServers());
        for (String topic : TestRun.CONTRACT_TOPICS.keySet()) {
            config.put(TestRun.CONTRACT_TOPICS.get(topic), topic + "." + run);
        }
        config.put("closedloop.topics.dead-letters", "${quarkus.application.name}.dlq." + run);
        config.put("closedloop.consumer.group", "${quarkus.application.name}." + run);
        return config;
    }

    @Override
    public void stop() {
        // The database and topics stay until the JVM's infrastructure stops: they are unique to this run.
    }
}
