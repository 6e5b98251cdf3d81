package io.closedloop.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The whole suite on one machine: a PostgreSQL server with a database per service, a Kafka broker with every topic
 * of the contract, and the three packaged services as separate processes. {@code ./closedloop run} and the
 * end-to-end tests both start it through here.
 */
public final class Suite implements AutoCloseable {

    public static final List<String> SERVICES = List.of("leads-service", "feedback-service", "reporting-service");
    public static final Set<String> TOPICS = Set.of("leads.events", "feedback.events", "reporting.events", "evidence",
            "leads-service.dlq", "feedback-service.dlq", "reporting-service.dlq");
    private static final Map<String, String> DATABASES = Map.of(
            "leads-service", "leads", "feedback-service", "feedback", "reporting-service", "reporting");

    /**
     * Where things go and which ports they use.
     *
     * @param home            the repository: services are read from {@code <home>/<service>/target/quarkus-app}
     * @param dataDir         PostgreSQL and Kafka data; kept between runs when {@code keepData}
     * @param logDir          one log file per service replica
     * @param servicePorts    the API ports of leads, feedback and reporting (their first replicas), in
     *                        {@link #SERVICES} order
     * @param managementPorts their operations ports (health, metrics, OpenAPI), in the same order
     * @param replicas        processes per service, sharing its database and consumer groups as in production;
     *                        replicas after the first take free ports
     */
    public record Options(Path home, Path dataDir, Path logDir, boolean keepData, int postgresPort, int kafkaPort,
                          int kafkaControllerPort, List<Integer> servicePorts, List<Integer> managementPorts,
                          int replicas, String javaOptions, Map<String, String> extraEnvironment) {

        public Options {
            if (servicePorts.size() != SERVICES.size() || managementPorts.size() != SERVICES.size()) {
                throw new IllegalArgumentException("One API and one management port per service: " + SERVICES);
            }
            if (replicas < 1) {
                throw new IllegalArgumentException("At least one replica per service, not " + replicas);
            }
            extraEnvironment = Map.copyOf(extraEnvironment);
        }

        public static Options onFreePorts(Path home, Path workDir) {
            return new Options(home, workDir.resolve("data"), workDir.resolve("logs"), false, FreePorts.find(),
                    FreePorts.find(), FreePorts.find(), List.of(FreePorts.find(), FreePorts.find(), FreePorts.find()),
                    List.of(FreePorts.find(), FreePorts.find(), FreePorts.find()), 1,
                    ServiceProcess.DEFAULT_JAVA_OPTIONS, Map.of());
        }

        public Options withJavaOptions(String javaOptions) {
            return new Options(home, dataDir, logDir, keepData, postgresPort, kafkaPort, kafkaControllerPort,
                    servicePorts, managementPorts, replicas, javaOptions, extraEnvironment);
        }

        /** With {@code environment} added to every service's (and winning over the suite's own settings). */
        public Options withEnvironment(Map<String, String> environment) {
            return new Options(home, dataDir, logDir, keepData, postgresPort, kafkaPort, kafkaControllerPort,
                    servicePorts, managementPorts, replicas, javaOptions, environment);
        }

        public Options withReplicas(int replicas) {
            return new Options(home, dataDir, logDir, keepData, postgresPort, kafkaPort, kafkaControllerPort,
                    servicePorts, managementPorts, replicas, javaOptions, extraEnvironment);
        }
    }

    private final Options options;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final Map<String, List<ServiceProcess>> services = new LinkedHashMap<>();
    private final Map<String, Duration> readyAfter = new java.util.concurrent.ConcurrentHashMap<>();

    private Suite(Options options) {
        this.options = options;
        this.postgres = new PostgresServer(options.dataDir().resolve("postgres"), options.postgresPort(), options.keepData());
        this.kafka = new KafkaBroker(options.dataDir().resolve("kafka"), options.kafkaPort(), options.kafkaControllerPort(), 3);
        for (int i = 0; i < SERVICES.size(); i++) {
            String name = SERVICES.get(i);
            List<ServiceProcess> replicas = new ArrayList<>();
            for (int replica = 0; replica < options.replicas(); replica++) {
                boolean first = replica == 0;
                replicas.add(new ServiceProcess(first ? name : name + "-" + (replica + 1),
                        options.home().resolve(name).resolve("target/quarkus-app/quarkus-run.jar"),
                        first ? options.servicePorts().get(i) : FreePorts.find(),
                        first ? options.managementPorts().get(i) : FreePorts.find(), environment(name),
                        options.logDir().resolve((first ? name : name + "-" + (replica + 1)) + ".log"),
                        options.javaOptions()));
            }
            services.put(name, List.copyOf(replicas));
        }
    }

    /** Starts the infrastructure, then the services, and waits until every service is ready. */
    public static Suite start(Options options, Duration readyTimeout) {
        Suite suite = new Suite(options);
        try {
            suite.startInfrastructure();
            suite.startServices(readyTimeout);
            return suite;
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    /** Only PostgreSQL and Kafka, e.g. for {@code quarkus:dev}. */
    public static Suite startInfrastructureOnly(Options options) {
        Suite suite = new Suite(options);
        try {
            suite.startInfrastructure();
            return suite;
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    private void startInfrastructure() {
        CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> {
            if (!options.keepData()) {
                deleteQuietly(options.dataDir().resolve("kafka"));
            }
            kafka.start();
            kafka.awaitReady(Duration.ofSeconds(60));
            kafka.createTopics(TOPICS, 3);
        });
        postgres.start();
        DATABASES.values().forEach(postgres::ensureDatabase);
        broker.join();
    }

    /**
     * One after the other: on a 2-core machine three JVMs starting at once take about as long in total, and each
     * takes three times as long, which says nothing about the service.
     */
    private void startServices(Duration readyTimeout) {
        for (List<ServiceProcess> replicas : services.values()) {
            for (ServiceProcess replica : replicas) {
                replica.start();
                readyAfter.put(replica.name(), replica.awaitReady(readyTimeout));
            }
        }
    }

    /** How long each service (by replica name) took from process start to ready, as last started. */
    public Map<String, Duration> readyAfter() {
        return Map.copyOf(readyAfter);
    }

    private Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        // Loopback only, API and operations alike: these services trust the committed development key.
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        // glibc gives each busy thread its own 64 MB malloc arena; two are plenty for a JVM, whose heap is its own.
        env.put("MALLOC_ARENA_MAX", "2");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(DATABASES.get(service)));
        env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.SUPERUSER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("JWT_ISSUER", DevTokens.ISSUER);
        env.put("JWT_PUBLIC_KEY_LOCATION", "dev-keys/jwt-public.pem");
        env.put("JWT_AUDIENCES", DevTokens.AUDIENCE);
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        if (service.equals("reporting-service")) {
            // The demo's and the tests' systems of record, and the source names each may file evidence under.
            env.put("CLOSEDLOOP_REPORTING_EVIDENCE_BINDINGS", EVIDENCE_BINDINGS);
        }
        if (service.equals("feedback-service")) {
            // Locally, webhook receivers run on this machine.
            env.put("CLOSEDLOOP_FEEDBACK_WEBHOOKS_ALLOW_PRIVATE_NETWORK", "true");
            env.put("CLOSEDLOOP_FEEDBACK_WEBHOOKS_REQUIRE_HTTPS", "false");
        }
        env.putAll(options.extraEnvironment());
        return env;
    }

    /** Integrators of the local run and the end-to-end tests, and the evidence sources each may use. */
    public static final String EVIDENCE_BINDINGS = "telephony-bridge:telephony|geo|calendar,pbx:telephony|geo|calendar,"
            + "loan-system:loans,survey:survey,bench:bench-pbx";

    /** The database a service owns on this suite's PostgreSQL. */
    public static String database(String service) {
        String database = DATABASES.get(service);
        if (database == null) {
            throw new IllegalArgumentException("No service " + service + "; services are " + SERVICES);
        }
        return database;
    }

    /** The service's first replica (its only one unless {@link Options#replicas()} says otherwise). */
    public ServiceProcess service(String name) {
        return replicas(name).getFirst();
    }

    /** Every replica of the service, the first first. */
    public List<ServiceProcess> replicas(String name) {
        List<ServiceProcess> replicas = services.get(name);
        if (replicas == null) {
            throw new IllegalArgumentException("No service " + name + "; services are " + SERVICES);
        }
        return replicas;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public Options options() {
        return options;
    }

    /** Services first (gracefully, so they finish their work), then the broker, then the database. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        services.values().stream().flatMap(List::stream).forEach(service ->
                stopping.add(CompletableFuture.runAsync(() -> service.stop(Duration.ofSeconds(25)))));
        stopping.forEach(f -> {
            try {
                f.join();
            } catch (RuntimeException e) {
                // Keep stopping the rest.
            }
        });
        try {
            kafka.stop();
        } catch (RuntimeException e) {
            // Keep stopping the rest.
        }
        postgres.stop();
    }

    private static void deleteQuietly(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not reset " + dir, e);
        }
    }
}
