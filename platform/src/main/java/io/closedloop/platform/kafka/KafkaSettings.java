package io.closedloop.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The service's {@code kafka.*} settings (bootstrap servers, TLS, SASL, and whatever else the operator set) that one
 * kind of Kafka client takes: the names it defines, and every {@code ssl.} and {@code sasl.} setting. The rest would
 * only be logged by the client as unknown.
 */
public final class KafkaSettings {

    private KafkaSettings() {
    }

    /**
     * @param clientConfigNames the client's own names, e.g. {@code ConsumerConfig.configNames()}
     * @return a new, modifiable map the caller adds its own settings to
     */
    public static Map<String, Object> forClient(Map<String, Object> kafkaConfig, Set<String> clientConfigNames) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (clientConfigNames.contains(k) || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                config.put(k, v);
            }
        });
        return config;
    }
}
