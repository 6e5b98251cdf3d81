package io.closedloop.stack.testing;

import java.util.Map;

/**
 * What the latest {@link InfrastructureResource} gave the application under test: its run id and the real servers,
 * so a test can read the topics or stop and restart the broker.
 */
public record TestRun(String id, Infrastructure infrastructure) {

    /** The contract's topic names and the configuration keys that rename them. */
    static final Map<String, String> CONTRACT_TOPICS = Map.of(
            "leads.events", "closedloop.topics.leads",
            "feedback.events", "closedloop.topics.feedback",
            "reporting.events", "closedloop.topics.reporting",
            "evidence", "closedloop.topics.evidence");

    private static volatile TestRun current;

    static void set(TestRun run) {
        current = run;
    }

    public static TestRun current() {
        TestRun run = current;
        if (run == null) {
            throw new IllegalStateException("No test infrastructure started in this JVM");
        }
        return run;
    }

    /** This run's name of a contract topic, e.g. {@code leads.events.1a2b3c4d}. */
    public String topic(String contractTopic) {
        if (!CONTRACT_TOPICS.containsKey(contractTopic)) {
            throw new IllegalArgumentException("Not a contract topic: " + contractTopic);
        }
        return contractTopic + "." + id;
    }

    public String deadLetterTopic(String service) {
        return service + ".dlq." + id;
    }

    public String kafkaBootstrapServers() {
        return infrastructure.kafka().bootstrapServers();
    }
}
