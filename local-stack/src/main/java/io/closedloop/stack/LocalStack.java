package io.closedloop.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The commands behind {@code ./closedloop}: {@code run} (the whole suite with demo data), {@code infra} (PostgreSQL
 * and Kafka only, for {@code quarkus:dev}) and {@code token} (a development bearer token).
 */
public final class LocalStack {

    static final int POSTGRES_PORT = 15432;
    static final int KAFKA_PORT = 19092;
    static final int KAFKA_CONTROLLER_PORT = 19093;
    static final List<Integer> SERVICE_PORTS = List.of(8081, 8082, 8083);
    /** Each service's operations endpoints (health, metrics, OpenAPI, Swagger UI): its API port + 1000. */
    static final List<Integer> MANAGEMENT_PORTS = List.of(9081, 9082, 9083);
    /**
     * The local run trusts the committed development key, so anyone who can reach it can mint a token: it listens on
     * the loopback interface unless CLOSEDLOOP_HOST says otherwise.
     */
    static final String HOST = "127.0.0.1";
    static final int PROMETHEUS_PORT = 9090;

    private LocalStack() {
    }

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        String command = arguments.isEmpty() ? "help" : arguments.removeFirst();
        try {
            switch (command) {
                case "run" -> run(arguments, true);
                case "infra" -> run(arguments, false);
                case "token" -> System.out.println(token(arguments));
                default -> {
                    usage();
                    System.exit("help".equals(command) ? 0 : 2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("closedloop: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("closedloop: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage() {
        System.out.println("""
                Usage: ./closedloop <command>
                  run [--reset] [--no-demo] [--no-prometheus]
                                              build what is needed, start PostgreSQL, Kafka, the three services and
                                              Prometheus (when installed), load demo data, print the URLs; Ctrl-C
                                              stops everything
                  infra [--reset]             only PostgreSQL (127.0.0.1:15432) and Kafka (127.0.0.1:19092),
                                              for ./mvnw -pl <service> quarkus:dev
                  token --person ID --role ROLE [--hours N]
                                              print a development bearer token (roles: referrer, agent, manager, admin, integrator)
                  test                        run every test (unit, @QuarkusTest, end-to-end)""");
    }

    static String token(List<String> args) {
        String person = option(args, "--person", null);
        String role = option(args, "--role", null);
        String hours = option(args, "--hours", "12");
        if (person == null || role == null) {
            throw new IllegalArgumentException("token needs --person ID --role ROLE (roles: referrer, agent, manager, admin, integrator)");
        }
        Duration lifetime = Duration.ofHours(Long.parseLong(hours));
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(DevTokens.MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("--hours must be 1 to " + DevTokens.MAX_LIFETIME.toHours()
                    + ": the services refuse tokens that live longer (JWT_MAX_LIFETIME_SECONDS)");
        }
        return DevTokens.mint(person, lifetime, role.split(","));
    }

    private static void run(List<String> args, boolean withServices) {
        Path home = Path.of(System.getProperty("closedloop.home", ".")).toAbsolutePath().normalize();
        Path work = home.resolve(".closedloop");
        boolean reset = args.contains("--reset");
        boolean demo = !args.contains("--no-demo");
        Path dataDir = work.resolve("data");
        try {
            if (reset) {
                Directories.deleteRecursively(dataDir);
            }
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare " + dataDir + ": " + e.getMessage(), e);
        }
        boolean fresh = !Files.exists(dataDir.resolve("postgres/PG_VERSION"));
        Suite.Options options = new Suite.Options(home, dataDir, work.resolve("logs"), true,
                port("CLOSEDLOOP_POSTGRES_PORT", POSTGRES_PORT), port("CLOSEDLOOP_KAFKA_PORT", KAFKA_PORT),
                port("CLOSEDLOOP_KAFKA_CONTROLLER_PORT", KAFKA_CONTROLLER_PORT),
                List.of(port("CLOSEDLOOP_LEADS_PORT", SERVICE_PORTS.get(0)),
                        port("CLOSEDLOOP_FEEDBACK_PORT", SERVICE_PORTS.get(1)),
                        port("CLOSEDLOOP_REPORTING_PORT", SERVICE_PORTS.get(2))),
                List.of(port("CLOSEDLOOP_LEADS_MANAGEMENT_PORT", MANAGEMENT_PORTS.get(0)),
                        port("CLOSEDLOOP_FEEDBACK_MANAGEMENT_PORT", MANAGEMENT_PORTS.get(1)),
                        port("CLOSEDLOOP_REPORTING_MANAGEMENT_PORT", MANAGEMENT_PORTS.get(2))),
                1, ServiceProcess.configuredJavaOptions(), localEnvironment(host()));
        for (int port : List.of(options.postgresPort(), options.kafkaPort(), options.kafkaControllerPort())) {
            if (!FreePorts.isFree(port)) {
                throw new IllegalStateException("Port " + port + " is in use: is another Closed Loop running? "
                        + "Stop it, or set CLOSEDLOOP_POSTGRES_PORT / CLOSEDLOOP_KAFKA_PORT.");
            }
        }
        long started = System.nanoTime();
        System.out.println(withServices ? "Starting PostgreSQL, Kafka and the three services…" : "Starting PostgreSQL and Kafka…");
        Suite suite = withServices ? Suite.start(options, Duration.ofSeconds(90)) : Suite.startInfrastructureOnly(options);
        PrometheusServer prometheus = withServices && !args.contains("--no-prometheus") ? prometheus(home, suite, dataDir) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Closed Loop…");
            if (prometheus != null) {
                prometheus.close();
            }
            suite.close();
            System.out.println("Stopped. Data kept in " + dataDir + " (./closedloop run --reset starts afresh).");
            stopped.countDown();
        }, "closedloop-stop"));
        Duration startup = Duration.ofNanos(System.nanoTime() - started);
        int loaded = 0;
        if (withServices && demo && fresh) {
            loaded = new DemoData(suite.service("leads-service").url(), suite.service("reporting-service").url()).load();
        }
        System.out.println(banner(suite, withServices, startup, loaded, fresh));
        System.out.println(prometheus == null ? prometheusMissing(withServices) : """
                Prometheus:   %s   (with the alert rules of deploy/monitoring/rules; --no-prometheus to skip)
                Grafana:      add a Prometheus data source at %s and import deploy/grafana/dashboards/*.json,
                              or with Docker: docker run --network host -e PROMETHEUS_URL=%s \\
                                -v "$PWD/deploy/grafana/provisioning:/etc/grafana/provisioning" \\
                                -v "$PWD/deploy/grafana/dashboards:/var/lib/grafana/dashboards/closedloop" grafana/grafana:12.2.1
                """.formatted(prometheus.url(), prometheus.url(), prometheus.url()));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The interface the services listen on: CLOSEDLOOP_HOST, or the loopback interface. */
    static String host() {
        String host = System.getenv("CLOSEDLOOP_HOST");
        return host == null || host.isBlank() ? HOST : host.strip();
    }

    /** What the local run adds to the suite's settings: the interface, and Swagger UI (production serves none). */
    static Map<String, String> localEnvironment(String host) {
        return Map.of("QUARKUS_HTTP_HOST", host, "QUARKUS_MANAGEMENT_HOST", host,
                "QUARKUS_SWAGGER_UI_ENABLED", "true");
    }

    /** Prometheus on the local services, when it is installed and its port is free; null otherwise. */
    private static PrometheusServer prometheus(Path home, Suite suite, Path dataDir) {
        int port = port("CLOSEDLOOP_PROMETHEUS_PORT", PROMETHEUS_PORT);
        var binary = PrometheusServer.binary();
        if (binary.isEmpty() || !FreePorts.isFree(port)) {
            return null;
        }
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        Suite.SERVICES.forEach(name -> ports.put(name, suite.service(name).managementPort()));
        try {
            return PrometheusServer.start(binary.get(), PrometheusServer.localConfig(home, ports, Duration.ofSeconds(5)),
                    dataDir.resolve("prometheus"), port, Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            System.out.println("Prometheus did not start: " + e.getMessage());
            return null;
        }
    }

    private static String prometheusMissing(boolean withServices) {
        if (!withServices) {
            return "";
        }
        return PrometheusServer.binary().isEmpty()
                ? "Prometheus:   not installed (apt-get install prometheus); see deploy/monitoring/prometheus/local.yml\n"
                : "Prometheus:   not started (port " + port("CLOSEDLOOP_PROMETHEUS_PORT", PROMETHEUS_PORT)
                        + " in use, or --no-prometheus)\n";
    }

    static String banner(Suite suite, boolean withServices, Duration startup, int demoSteps, boolean fresh) {
        StringBuilder out = new StringBuilder();
        out.append("\nClosed Loop is running (ready in ").append(startup.toMillis() / 100 / 10.0).append(" s).\n\n");
        if (withServices) {
            for (String name : Suite.SERVICES) {
                ServiceProcess s = suite.service(name);
                String url = s.url();
                String operations = s.managementUrl();
                Duration ready = suite.readyAfter().get(name);
                out.append(String.format("  %-18s %s   (ready %.1f s after its process started)%n", name, url,
                        ready == null ? Double.NaN : ready.toMillis() / 1000.0));
                out.append(String.format("  %-18s   Swagger UI %s/q/swagger-ui   OpenAPI %s/q/openapi%n", "",
                        operations, operations));
                out.append(String.format("  %-18s   health %s/q/health   metrics %s/q/metrics%n", "", operations,
                        operations));
            }
        }
        out.append(String.format("  %-18s jdbc:postgresql://127.0.0.1:%d/{leads,feedback,reporting} (user postgres, no password)%n",
                "PostgreSQL", suite.options().postgresPort()));
        out.append(String.format("  %-18s %s%n", "Kafka", suite.kafka().bootstrapServers()));
        out.append("\n");
        if (withServices) {
            out.append(fresh ? "Demo data: the stories of the product brief, loaded through the APIs (" + demoSteps + " requests).\n"
                    : "Demo data: kept from the previous run.\n");
            out.append("""
                    Get a token:  ./closedloop token --person admin --role admin
                    Try:          curl -H "Authorization: Bearer $(./closedloop token --person admin --role admin)" \\
                                       http://127.0.0.1:%d/leads
                    Scorecard:    curl -H "Authorization: Bearer $(./closedloop token --person lending-manager-lea --role manager)" \\
                                       "http://127.0.0.1:%d/scorecards?period=%s&teamId=lending"
                    """.formatted(suite.service("leads-service").port(), suite.service("reporting-service").port(),
                    DemoData.lastWeek(java.time.LocalDate.now(java.time.ZoneOffset.UTC))));
            out.append("Logs:         ").append(suite.options().logDir()).append("\n");
        } else {
            out.append("Start a service in dev mode:  ./mvnw -pl leads-service quarkus:dev\n");
        }
        out.append("Data:         ").append(suite.options().dataDir()).append("   (--reset starts afresh)\n");
        if (withServices && !isLoopback(host())) {
            out.append("\nWARNING: listening on ").append(host()).append(" (CLOSEDLOOP_HOST): the services trust the "
                    + "committed development key, so anyone who can reach them can mint a token.\n");
        }
        out.append("Ctrl-C stops everything.\n");
        return out.toString();
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number, not '" + value + "'");
        }
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(i + 1);
    }
}
