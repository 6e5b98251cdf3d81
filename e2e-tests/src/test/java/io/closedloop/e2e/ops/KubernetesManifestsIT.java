package io.closedloop.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.closedloop.stack.Suite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/kubernetes, checked offline (no cluster is reachable here): every overlay renders with kustomize, every
 * object validates against the Kubernetes API schema or its operator's CRD schema (deploy/check), and the rules a
 * platform engineer relies on hold in the rendered output, not just in the base.
 */
class KubernetesManifestsIT {

    private static final Path HOME = Commands.home();
    private static final Path CHECK = HOME.resolve("deploy/check");
    private static final List<String> OVERLAYS = List.of("dev", "production");
    private static final Map<String, List<JsonNode>> RENDERED = new HashMap<>();
    private static final Map<String, Path> RENDERED_FILES = new HashMap<>();
    private static Path node;

    @BeforeAll
    static void render() throws IOException {
        Path kubectl = Commands.require("kubectl", "kubectl 1.27 or newer (its built-in kustomize renders the overlays)");
        node = Commands.require("node", "Node.js 18 or newer runs the offline schema validator in deploy/check");
        if (!Files.isRegularFile(CHECK.resolve("node_modules/.package-lock.json"))) {
            Path npm = Commands.require("npm", "npm installs the validator's packages (npm ci in deploy/check)");
            Commands.succeed(CHECK, Duration.ofMinutes(5), List.of(npm.toString(), "ci", "--no-audit", "--no-fund"));
        }
        for (String overlay : OVERLAYS) {
            String yaml = Commands.succeed(HOME, Duration.ofMinutes(2),
                    List.of(kubectl.toString(), "kustomize", "deploy/kubernetes/overlays/" + overlay));
            Path file = Files.createTempFile("closedloop-" + overlay + "-", ".yaml");
            Files.writeString(file, yaml);
            RENDERED_FILES.put(overlay, file);
            RENDERED.put(overlay, Yaml.documents(yaml));
        }
    }

    private static List<JsonNode> objects(String overlay, String kind) {
        return RENDERED.get(overlay).stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    private static JsonNode object(String overlay, String kind, String name) {
        return objects(overlay, kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + overlay));
    }

    private static List<JsonNode> services(String overlay) {
        return objects(overlay, "Deployment").stream()
                .filter(d -> "service".equals(d.path("metadata").path("labels").path("app.kubernetes.io/component").asText()))
                .toList();
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> map = new HashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static boolean selects(JsonNode matchLabels, Map<String, String> labels) {
        return map(matchLabels).entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void every_object_of_the_overlay_matches_the_schema_of_its_kind(String overlay) {
        String output = Commands.succeed(CHECK, Duration.ofMinutes(3),
                List.of(node.toString(), "validate.mjs", RENDERED_FILES.get(overlay).toString()));

        assertThat(output).contains(RENDERED.get(overlay).size() + " objects valid");
    }

    @Test
    void the_validator_rejects_what_kubernetes_would_reject_or_silently_drop() throws IOException {
        String broken = Files.readString(RENDERED_FILES.get("dev"))
                .replaceFirst("readinessProbe:", "readinesProbe:")
                .replaceFirst("partitions: 12", "partitions: twelve")
                .replaceFirst("instances: 1\n", "instance: 1\n");
        Path file = Files.createTempFile("closedloop-broken-", ".yaml");
        Files.writeString(file, broken);

        Commands.Result result = Commands.run(CHECK, Duration.ofMinutes(3), List.of(node.toString(), "validate.mjs", file.toString()));

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output()).contains("'\"readinesProbe\"' does not exist in type 'IContainer'")
                .contains("partitions must be integer").contains("must have required property instances");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void every_service_runs_unprivileged_probed_bounded_and_pinned(String overlay) {
        List<JsonNode> services = services(overlay);
        assertThat(services).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrderElementsOf(Suite.SERVICES);
        Map<String, String> common = map(object(overlay, "ConfigMap", "closedloop-common").path("data"));
        long delay = Duration.parse("PT" + common.get("QUARKUS_SHUTDOWN_DELAY").toUpperCase()).toSeconds();
        long timeout = shutdownTimeoutSeconds();
        for (JsonNode deployment : services) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(name + " runAsNonRoot").isTrue();
            assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(name + " API token").isFalse();
            assertThat(pod.path("terminationGracePeriodSeconds").asLong())
                    .as(name + ": the grace period covers the shutdown delay (%ds) and timeout (%ds)", delay, timeout)
                    .isGreaterThan(delay + timeout);
            assertThat(pod.path("containers")).hasSize(1);
            JsonNode container = pod.path("containers").get(0);
            JsonNode security = container.path("securityContext");
            assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(name + " read-only root").isTrue();
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(name + " privilege escalation").isFalse();
            assertThat(list(security.path("capabilities").path("drop"))).extracting(JsonNode::asText).containsExactly("ALL");
            for (String kind : List.of("requests", "limits")) {
                assertThat(container.path("resources").path(kind).path("memory").isMissingNode()).as(name + " memory " + kind).isFalse();
                assertThat(container.path("resources").path(kind).path("cpu").isMissingNode()).as(name + " cpu " + kind).isFalse();
            }
            assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/started");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
            // Production serves /q/* on the management interface only (quarkus.management.enabled in %prod).
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(container.path(probe).path("httpGet").path("port").asText()).as(name + " " + probe)
                        .isEqualTo("management");
            }
            assertThat(list(container.path("ports"))).as(name + " ports")
                    .extracting(port -> port.path("name").asText() + ":" + port.path("containerPort").asInt())
                    .containsExactlyInAnyOrder("http:8080", "management:9000");
            assertThat(container.path("image").asText()).as(name + " image")
                    .isEqualTo("closedloop/" + name + ":" + Yaml.release()).doesNotEndWith(":latest");
            assertThat(list(container.path("volumeMounts"))).extracting(m -> m.path("mountPath").asText()).contains("/tmp");
        }
    }

    @Test
    void the_image_tag_is_the_release_these_sources_become() {
        assertThat(Yaml.projectVersion()).startsWith(Yaml.release());
        assertThat(Yaml.release()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void every_service_has_a_disruption_budget_an_autoscaler_and_network_policies(String overlay) {
        for (JsonNode deployment : services(overlay)) {
            String name = deployment.path("metadata").path("name").asText();
            Map<String, String> podLabels = map(deployment.path("spec").path("template").path("metadata").path("labels"));
            assertThat(objects(overlay, "PodDisruptionBudget"))
                    .as(name + " PDB").anyMatch(p -> selects(p.path("spec").path("selector").path("matchLabels"), podLabels)
                            && p.path("spec").path("selector").path("matchLabels").has("app.kubernetes.io/name"));
            assertThat(objects(overlay, "HorizontalPodAutoscaler")).as(name + " HPA")
                    .anyMatch(h -> name.equals(h.path("spec").path("scaleTargetRef").path("name").asText())
                            && h.path("spec").path("minReplicas").asInt() >= 1
                            && h.path("spec").path("maxReplicas").asInt() > h.path("spec").path("minReplicas").asInt());
            List<JsonNode> policies = objects(overlay, "NetworkPolicy").stream()
                    .filter(p -> selects(p.path("spec").path("podSelector").path("matchLabels"), podLabels)).toList();
            assertThat(policies).as(name + " default deny").anyMatch(p -> list(p.path("spec").path("policyTypes")).size() == 2
                    && p.path("spec").path("ingress").isMissingNode() && p.path("spec").path("egress").isMissingNode());
            String database = name.replace("-service", "-db");
            assertThat(policies).as(name + " may reach its own database").anyMatch(p -> list(p.path("spec").path("egress")).stream()
                    .flatMap(rule -> list(rule.path("to")).stream())
                    .anyMatch(to -> database.equals(to.path("podSelector").path("matchLabels").path("cnpg.io/cluster").asText())));
            assertThat(policies).as(name + " reaches no other database").noneMatch(p -> list(p.path("spec").path("egress")).stream()
                    .flatMap(rule -> list(rule.path("to")).stream())
                    .anyMatch(to -> to.path("podSelector").path("matchLabels").has("cnpg.io/cluster")
                            && !database.equals(to.path("podSelector").path("matchLabels").path("cnpg.io/cluster").asText())));
            List<JsonNode> ingress = policies.stream().flatMap(p -> list(p.path("spec").path("ingress")).stream()).toList();
            assertThat(ingress).as(name + " takes traffic on the API (8080) and the management port (9000) only")
                    .isNotEmpty().allSatisfy(rule -> assertThat(list(rule.path("ports")))
                            .extracting(port -> port.path("port").asInt()).isNotEmpty().isSubsetOf(8080, 9000));
            assertThat(ingress).as(name + ": the management port is for the monitoring namespace alone")
                    .filteredOn(rule -> list(rule.path("ports")).stream().anyMatch(port -> port.path("port").asInt() == 9000))
                    .isNotEmpty().allSatisfy(rule -> assertThat(list(rule.path("from"))).extracting(from ->
                            from.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText())
                            .containsExactly("monitoring"));
        }
        for (JsonNode cluster : objects(overlay, "Cluster")) {
            String name = cluster.path("metadata").path("name").asText();
            assertThat(objects(overlay, "NetworkPolicy")).as(name + " ingress policy").anyMatch(p ->
                    name.equals(p.path("spec").path("podSelector").path("matchLabels").path("cnpg.io/cluster").asText()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void each_service_has_its_own_database_and_credentials_come_from_generated_secrets(String overlay) {
        assertThat(objects(overlay, "Secret")).as("no secret is committed").isEmpty();
        for (JsonNode deployment : services(overlay)) {
            String name = deployment.path("metadata").path("name").asText();
            String database = name.replace("-service", "");
            JsonNode cluster = object(overlay, "Cluster", database + "-db");
            assertThat(cluster.path("spec").path("bootstrap").path("initdb").path("database").asText()).isEqualTo(database);
            assertThat(cluster.path("spec").path("bootstrap").path("initdb").path("owner").asText()).isEqualTo(database);
            Map<String, String> config = map(object(overlay, "ConfigMap", name).path("data"));
            assertThat(config.get("QUARKUS_DATASOURCE_JDBC_URL")).isEqualTo("jdbc:postgresql://" + database + "-db-rw:5432/" + database);
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            Set<String> secrets = list(container.path("env")).stream()
                    .map(env -> env.path("valueFrom").path("secretKeyRef").path("name").asText(""))
                    .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            // The database's (CloudNativePG), the service's Kafka identity (Strimzi's user operator), the cluster CA.
            assertThat(secrets).isSubsetOf(database + "-db-app", name, "closedloop-cluster-ca-cert").contains(database + "-db-app");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void every_topic_the_services_use_is_declared_with_partitions_replication_and_retention(String overlay) {
        Map<String, JsonNode> topics = new HashMap<>();
        objects(overlay, "KafkaTopic").forEach(t -> topics.put(t.path("spec").path("topicName").asText(), t));
        Set<String> used = new HashSet<>(Suite.TOPICS);
        Suite.SERVICES.forEach(s -> used.add(s + ".dlq"));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(used);
        int brokers = objects(overlay, "KafkaNodePool").stream()
                .filter(p -> list(p.path("spec").path("roles")).stream().anyMatch(r -> r.asText().equals("broker")))
                .mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
        for (Map.Entry<String, JsonNode> topic : topics.entrySet()) {
            JsonNode spec = topic.getValue().path("spec");
            assertThat(spec.path("partitions").asInt()).as(topic.getKey() + " partitions").isGreaterThanOrEqualTo(3);
            assertThat(spec.path("replicas").asInt()).as(topic.getKey() + " replicas").isBetween(1, brokers);
            assertThat(spec.path("config").path("min.insync.replicas").asInt()).isLessThanOrEqualTo(spec.path("replicas").asInt());
            long retention = spec.path("config").path("retention.ms").asLong(0);
            if (topic.getKey().endsWith(".dlq")) {
                assertThat(retention).as(topic.getKey() + " retention").isPositive();
            } else {
                assertThat(retention).as(topic.getKey() + ": read models are rebuilt from it").isEqualTo(-1);
            }
        }
        JsonNode kafka = objects(overlay, "Kafka").getFirst();
        assertThat(kafka.path("spec").path("kafka").path("config").path("auto.create.topics.enable").asBoolean(true)).isFalse();
        assertThat(kafka.path("spec").path("zookeeper").isMissingNode()).as("KRaft, no ZooKeeper").isTrue();
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/node-pools").asText()).isEqualTo("enabled");
    }

    @Test
    void production_runs_everything_replicated_and_kafka_over_tls_with_an_identity_per_service() {
        String overlay = "production";
        services(overlay).forEach(d -> assertThat(d.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(3));
        objects(overlay, "PodDisruptionBudget").forEach(p -> assertThat(p.path("spec").path("minAvailable").asInt()).isEqualTo(2));
        objects(overlay, "Cluster").forEach(c -> assertThat(c.path("spec").path("instances").asInt()).isGreaterThanOrEqualTo(3));
        JsonNode kafka = objects(overlay, "Kafka").getFirst();
        assertThat(list(kafka.path("spec").path("kafka").path("listeners"))).allSatisfy(listener -> {
            assertThat(listener.path("tls").asBoolean()).isTrue();
            assertThat(listener.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
        });
        assertThat(kafka.path("spec").path("kafka").path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(kafka.path("spec").path("kafka").path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
        Map<String, String> common = map(object(overlay, "ConfigMap", "closedloop-common").path("data"));
        assertThat(common).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL").containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        assertThat(common.get("JWT_PUBLIC_KEY_LOCATION")).startsWith("https://");
        for (JsonNode deployment : services(overlay)) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode user = object(overlay, "KafkaUser", name);
            assertThat(user.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(list(container.path("env"))).anyMatch(env -> env.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG")
                    && env.path("valueFrom").path("secretKeyRef").path("name").asText().equals(name));
        }
        // Each service may touch only its topics: leads-service writes leads.events and reads nothing.
        List<String> leadsAcls = list(object(overlay, "KafkaUser", "leads-service").path("spec").path("authorization").path("acls"))
                .stream().flatMap(acl -> list(acl.path("operations")).stream()
                        .map(op -> acl.path("resource").path("name").asText() + ":" + op.asText())).toList();
        assertThat(leadsAcls).contains("leads.events:Write").noneMatch(acl -> acl.endsWith(":Read"));
    }

    /** An operator's two first questions: is every database backed up, and how do people reach the APIs. */
    @Test
    void production_backs_up_every_database_and_serves_the_three_apis_over_tls() {
        String overlay = "production";
        List<JsonNode> clusters = objects(overlay, "Cluster");
        assertThat(clusters).hasSize(3).allSatisfy(cluster -> {
            JsonNode backup = cluster.path("spec").path("backup");
            assertThat(backup.path("retentionPolicy").asText()).matches("\\d+[dwm]");
            JsonNode store = backup.path("barmanObjectStore");
            assertThat(store.path("destinationPath").asText()).startsWith("s3://");
            assertThat(store.path("wal").path("compression").asText()).as("WAL archived").isNotEmpty();
            assertThat(store.path("s3Credentials").path("accessKeyId").path("name").asText()).isEqualTo("postgres-backup-s3");
        });
        List<String> scheduled = objects(overlay, "ScheduledBackup").stream()
                .map(b -> b.path("spec").path("cluster").path("name").asText()).toList();
        assertThat(scheduled).containsExactlyInAnyOrderElementsOf(clusters.stream()
                .map(c -> c.path("metadata").path("name").asText()).toList());

        JsonNode ingress = objects(overlay, "Ingress").getFirst();
        List<String> tlsHosts = list(ingress.path("spec").path("tls")).stream()
                .flatMap(tls -> list(tls.path("hosts")).stream()).map(JsonNode::asText).toList();
        List<JsonNode> rules = list(ingress.path("spec").path("rules"));
        assertThat(rules).hasSize(3).allSatisfy(rule -> {
            assertThat(tlsHosts).contains(rule.path("host").asText());
            JsonNode backend = rule.path("http").path("paths").get(0).path("backend").path("service");
            assertThat(backend.path("port").path("name").asText()).as("the API port, never management").isEqualTo("http");
        });
        assertThat(rules.stream().map(r -> r.path("http").path("paths").get(0).path("backend").path("service")
                .path("name").asText()).toList()).containsExactlyInAnyOrder("leads-service", "feedback-service", "reporting-service");
        assertThat(ingress.path("metadata").path("annotations").path("cert-manager.io/cluster-issuer").asText()).isNotEmpty();
    }

    @Test
    void the_dev_overlay_fits_one_node_and_trusts_the_development_key() throws IOException {
        String overlay = "dev";
        services(overlay).forEach(d -> assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(1));
        assertThat(objects(overlay, "KafkaNodePool")).singleElement().satisfies(pool ->
                assertThat(list(pool.path("spec").path("roles"))).extracting(JsonNode::asText).containsExactlyInAnyOrder("controller", "broker"));
        JsonNode jwt = object(overlay, "ConfigMap", "closedloop-jwt");
        assertThat(jwt.path("data").path("public.pem").asText())
                .isEqualTo(Files.readString(HOME.resolve("platform/src/main/resources/dev-keys/jwt-public.pem")));
    }

    @Test
    void docker_compose_gives_the_services_the_same_environment_as_kubernetes() {
        JsonNode compose = Yaml.readMerging(HOME.resolve("deploy/docker/docker-compose.yml"));
        Set<String> kubernetesOnly = Set.of("KUBERNETES_POD_NAME", "KAFKA_SASL_JAAS_CONFIG");
        Map<String, String> common = map(object("dev", "ConfigMap", "closedloop-common").path("data"));
        for (String service : Suite.SERVICES) {
            JsonNode definition = compose.path("services").path(service);
            assertThat(definition.isMissingNode()).as(service + " in docker-compose.yml").isFalse();
            Set<String> composeEnvironment = new HashSet<>();
            Iterator<String> names = definition.path("environment").fieldNames();
            names.forEachRemaining(composeEnvironment::add);
            Set<String> kubernetesEnvironment = new HashSet<>(common.keySet());
            kubernetesEnvironment.addAll(map(object("dev", "ConfigMap", service).path("data")).keySet());
            JsonNode deployment = object("dev", "Deployment", service);
            list(deployment.path("spec").path("template").path("spec").path("containers").get(0).path("env"))
                    .forEach(env -> kubernetesEnvironment.add(env.path("name").asText()));
            kubernetesEnvironment.removeAll(kubernetesOnly);
            assertThat(composeEnvironment).as(service).containsAll(kubernetesEnvironment);
            assertThat(definition.path("image").asText()).isEqualTo("closedloop/" + service + ":" + Yaml.release());
        }
        List<String> withoutHealthChecks = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(e -> {
            if (Suite.SERVICES.contains(e.getKey()) || Set.of("postgres", "kafka").contains(e.getKey())) {
                if (e.getValue().path("healthcheck").isMissingNode()) {
                    withoutHealthChecks.add(e.getKey());
                }
            }
        });
        assertThat(withoutHealthChecks).isEmpty();
    }

    private static long shutdownTimeoutSeconds() {
        try {
            String config = Files.readString(HOME.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"));
            return config.lines().filter(l -> l.startsWith("quarkus.shutdown.timeout="))
                    .map(l -> Duration.parse("PT" + l.substring(l.indexOf('=') + 1).strip().toUpperCase()).toSeconds())
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
