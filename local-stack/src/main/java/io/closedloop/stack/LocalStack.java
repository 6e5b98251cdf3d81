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
    static final int SMTP_PORT = 2525;
    static final int WEBHOOK_PORT = 2580;

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
        int smtpPort = port("CLOSEDLOOP_SMTP_PORT", SMTP_PORT);
        LocalMail mail = withServices ? LocalMail.start(smtpPort, work.resolve("mail")) : null;
        LocalWebhooks webhooks = withServices ? LocalWebhooks.start(port("CLOSEDLOOP_WEBHOOK_PORT", WEBHOOK_PORT),
                work.resolve("webhooks")) : null;
        Map<String, String> environment = new java.util.HashMap<>(localEnvironment(host()));
        if (webhooks != null) {
            environment.putAll(LocalWebhooks.environment());
        }
        if (mail != null) {
            environment.putAll(mailEnvironment(smtpPort, port("CLOSEDLOOP_LEADS_PORT", SERVICE_PORTS.get(0))));
        }
        Suite.Options options = new Suite.Options(home, dataDir, work.resolve("logs"), true,
                port("CLOSEDLOOP_POSTGRES_PORT", POSTGRES_PORT), port("CLOSEDLOOP_KAFKA_PORT", KAFKA_PORT),
                port("CLOSEDLOOP_KAFKA_CONTROLLER_PORT", KAFKA_CONTROLLER_PORT),
                List.of(port("CLOSEDLOOP_LEADS_PORT", SERVICE_PORTS.get(0)),
                        port("CLOSEDLOOP_FEEDBACK_PORT", SERVICE_PORTS.get(1)),
                        port("CLOSEDLOOP_REPORTING_PORT", SERVICE_PORTS.get(2))),
                List.of(port("CLOSEDLOOP_LEADS_MANAGEMENT_PORT", MANAGEMENT_PORTS.get(0)),
                        port("CLOSEDLOOP_FEEDBACK_MANAGEMENT_PORT", MANAGEMENT_PORTS.get(1)),
                        port("CLOSEDLOOP_REPORTING_MANAGEMENT_PORT", MANAGEMENT_PORTS.get(2))),
                1, ServiceProcess.configuredJavaOptions(), environment);
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
            if (mail != null) {
                mail.close();
            }
            if (webhooks != null) {
                webhooks.close();
            }
            System.out.println("Stopped. Data kept in " + dataDir + " (./closedloop run --reset starts afresh).");
            stopped.countDown();
        }, "closedloop-stop"));
        Duration startup = Duration.ofNanos(System.nanoTime() - started);
        int loaded = 0;
        if (withServices && demo && fresh) {
            DemoData data = new DemoData(suite.service("leads-service").url(), suite.service("feedback-service").url(),
                    suite.service("reporting-service").url());
            if (webhooks != null) {
                data.withBranchChannel(webhooks.url("branch-channel"));
            }
            loaded = data.load();
        }
        if (withServices) {
            writeTokens(work.resolve(TOKENS_FILE));
        }
        System.out.println(banner(suite, withServices, startup, loaded, fresh));
        if (withServices) {
            System.out.println(mail == null ? "E-mail:       off (port " + smtpPort + " in use; CLOSEDLOOP_SMTP_PORT picks another)"
                    : "E-mail:       every e-mail echo lands in " + work.resolve("mail") + " as an .eml file (SMTP on 127.0.0.1:"
                    + smtpPort + "; nothing leaves the machine). Carla gets hers as they come, Béatrice a digest at 17:00.");
            System.out.println(webhooks == null ? "Webhooks:     no local receiver (port in use; CLOSEDLOOP_WEBHOOK_PORT picks another)"
                    : "Webhooks:     every delivery to " + webhooks.url("…") + " lands in " + work.resolve("webhooks")
                    + ", signed as a receiver sees it; Béatrice's branch channel gets her messages in Slack's format.");
        }
        System.out.println(prometheus == null ? prometheusMissing(withServices) : """
                Prometheus:   %s   (with the alert rules of deploy/monitoring/rules; --no-prometheus to skip)
                Grafana:      not started here (it is not in Debian's packages, and Docker is not needed for the rest);
                              in a Grafana of yours, add a Prometheus data source at %s and import deploy/grafana/dashboards/*.json,
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
    /** feedback-service's e-mail, to the local mail server, with links to the local leads-service. */
    public static Map<String, String> mailEnvironment(int smtpPort, int leadsPort) {
        return Map.of("CLOSEDLOOP_FEEDBACK_MAIL_ENABLED", "true", "CLOSEDLOOP_FEEDBACK_MAIL_SMTP_HOST", "127.0.0.1",
                "CLOSEDLOOP_FEEDBACK_MAIL_SMTP_PORT", Integer.toString(smtpPort),
                "CLOSEDLOOP_FEEDBACK_MAIL_START_TLS", "DISABLED",
                "CLOSEDLOOP_FEEDBACK_LEAD_LINK", "http://127.0.0.1:" + leadsPort + "/leads/{leadId}");
    }

    public static Map<String, String> localEnvironment(String host) {
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

    static final String TOKENS_FILE = "tokens.env";
    private static final Duration DEMO_TOKEN_LIFETIME = Duration.ofHours(12);

    /**
     * One token per demo person and account, as shell variables ({@code source .closedloop/tokens.env}): a token
     * minted by {@code ./closedloop token} costs a JVM start each time. Readable by the owner only.
     */
    static void writeTokens(Path file) {
        StringBuilder out = new StringBuilder("# Development tokens of the demo's people, valid " + DEMO_TOKEN_LIFETIME.toHours()
                + " h from " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + " (rewritten by every ./closedloop run). Use: source .closedloop/tokens.env\n");
        for (DemoData.Person person : demoAccounts()) {
            out.append("export ").append(person.tokenVariable()).append('=')
                    .append(DevTokens.mint(person.id(), DEMO_TOKEN_LIFETIME, person.role())).append('\n');
        }
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, out);
        } catch (IOException | UnsupportedOperationException e) {
            System.out.println("Could not write " + file + ": " + e.getMessage() + " (./closedloop token still works)");
        }
    }

    private static List<DemoData.Person> demoAccounts() {
        List<DemoData.Person> all = new java.util.ArrayList<>(DemoData.PEOPLE);
        all.addAll(DemoData.ACCOUNTS);
        return all;
    }

    /** Who is who in the demo, with a token each, and what to try first as a referrer and as a manager. */
    static String people(int leadsPort, int feedbackPort, int reportingPort) {
        StringBuilder out = new StringBuilder("\nThe demo's people (tokens valid "
                + DEMO_TOKEN_LIFETIME.toHours() + " h: source .closedloop/" + TOKENS_FILE + "):\n");
        for (DemoData.Person person : demoAccounts()) {
            out.append(String.format("  %-11s %-21s %-26s $%s%n", person.role(), person.id(),
                    person.name() + (person.team() == null ? "" : ", " + person.team()), person.tokenVariable()));
        }
        String referrer = DemoData.PEOPLE.getFirst().tokenVariable();
        String manager = DemoData.PEOPLE.stream().filter(p -> p.id().equals("lending-manager-lea")).findFirst().orElseThrow()
                .tokenVariable();
        out.append("""

                Try:          source .closedloop/%s
                  a referrer hears back:   curl -H "Authorization: Bearer $%s" http://127.0.0.1:%d/inbox
                  her referral's lead:     curl -H "Authorization: Bearer $%s" http://127.0.0.1:%d/leads
                  a manager's scorecard:   curl -H "Authorization: Bearer $%s" \\
                                             "http://127.0.0.1:%d/scorecards?period=%s&teamId=lending"
                Other tokens: ./closedloop token --person ID --role referrer|agent|manager|admin|integrator
                """.formatted(TOKENS_FILE, referrer, feedbackPort, referrer, leadsPort, manager, reportingPort,
                DemoData.lastWeek(java.time.LocalDate.now(java.time.ZoneOffset.UTC))));
        return out.toString();
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
                    + "  Watch a dropped ball: nobody acknowledges Carla's urgent referral (Sofia Marquez), so in "
                    + DemoData.DROPPED_BALL_DEADLINE.toMinutes() + " minutes it is past its deadline,\n"
                    + "  Léa (the manager) is told and Carla hears it by e-mail.\n"
                    : "Demo data: kept from the previous run.\n");
            out.append(people(suite.service("leads-service").port(), suite.service("feedback-service").port(),
                    suite.service("reporting-service").port()));
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
