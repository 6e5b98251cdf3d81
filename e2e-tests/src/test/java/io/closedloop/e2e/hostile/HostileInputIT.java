package io.closedloop.e2e.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.closedloop.e2e.PrivateSuite;
import io.closedloop.e2e.ServedApi;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.PostgresServer;
import io.closedloop.stack.Suite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of every service's OpenAPI document (as served; each service's tests hold it equal to the committed one) and
 * sends it hostile input: only 4xx {@code application/problem+json} answers may come back (a read may also answer
 * 2xx: a strange filter is still a filter), never a 5xx, and afterwards not a row more in any table of any database.
 * Then the same operations with missing, expired, foreign, forged and unsigned tokens: 401, with problem details.
 *
 * <p>A suite of its own, idle, so that "nothing stored" can be checked by counting every table's rows.
 */
class HostileInputIT {

    private static final String ADMIN = DevTokens.mint("probe-admin", "admin", "integrator");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static PrivateSuite running;
    private static Suite suite;

    @BeforeAll
    static void start() {
        running = PrivateSuite.start("hostile");
        suite = running.suite();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    record Operation(String service, Probes probes) {
        String name() {
            return service + " " + probes.method() + " " + probes.template();
        }
    }

    @Test
    void every_operation_answers_hostile_input_with_a_problem_never_a_5xx_and_stores_nothing() throws Exception {
        Map<String, Long> before = rowCounts();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(60);
        for (Operation operation : operations) {
            for (Probes.Probe probe : operation.probes().all()) {
                HttpResponse<String> response = send(operation.service(), probe, ADMIN);
                sent++;
                String verdict = verdict(probe, response);
                if (verdict != null) {
                    failures.add(operation.name() + " [" + probe.what() + "] → " + response.statusCode() + " "
                            + Probes.shortly(response.body()) + ": " + verdict);
                }
            }
        }
        assertThat(failures).as("of %d hostile requests", sent).isEmpty();
        // About 2,900 today: fewer would mean the walker stopped reading parts of the documents.
        assertThat(sent).isGreaterThan(2_500);
        assertThat(rowCounts()).as("rows in every table of every database").isEqualTo(before);
    }

    @Test
    void every_operation_refuses_missing_expired_foreign_forged_and_unsigned_tokens() throws Exception {
        Instant now = Instant.now();
        Map<String, Object> expired = claims("probe-admin", now.minusSeconds(7200), now.minusSeconds(3600));
        Map<String, Object> foreign = claims("probe-admin", now, now.plusSeconds(3600));
        foreign.put("iss", "https://someone-else.example.com");
        Map<String, Object> unsignedClaims = claims("probe-admin", now, now.plusSeconds(3600));
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", null);
        tokens.put("expired", DevTokens.sign(expired));
        tokens.put("foreign issuer", DevTokens.sign(foreign));
        tokens.put("forged (another key)", DevTokens.forge("probe-admin", "admin"));
        tokens.put("unsigned (alg none)", base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + base64(Probes.JSON.writeValueAsString(unsignedClaims)) + ".");
        tokens.put("garbage", "not.a.token");
        Map<String, Object> noSubject = claims("probe-admin", now, now.plusSeconds(3600));
        noSubject.remove("sub");
        tokens.put("no subject (upn only)", DevTokens.sign(noSubject));
        Map<String, Object> blankSubject = claims("probe-admin", now, now.plusSeconds(3600));
        blankSubject.put("sub", " ");
        tokens.put("blank subject", DevTokens.sign(blankSubject));
        Map<String, Object> otherAudience = claims("probe-admin", now, now.plusSeconds(3600));
        otherAudience.put("aud", "some-other-api");
        tokens.put("issued for another audience", DevTokens.sign(otherAudience));
        Map<String, Object> tooLong = claims("probe-admin", now, now.plus(Duration.ofDays(30)));
        tokens.put("valid for 30 days", DevTokens.sign(tooLong));
        tokens.put("truncated", DevTokens.mint("probe-admin", "admin").substring(0, 60));

        Map<String, Long> before = rowCounts();
        List<String> failures = new ArrayList<>();
        for (Operation operation : operations()) {
            Probes.Probe plain = operation.probes().plain();
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                HttpResponse<String> response = send(operation.service(), plain, token.getValue());
                if (response.statusCode() != 401 || !ServedApi.isProblem(response)) {
                    failures.add(operation.name() + " with " + token.getKey() + " → " + response.statusCode() + " "
                            + Probes.shortly(response.body()));
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(rowCounts()).isEqualTo(before);
    }

    /** Null when the answer is what a hostile request deserves. */
    private static String verdict(Probes.Probe probe, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "a server error";
        }
        if (status >= 400) {
            return ServedApi.isProblem(response) ? null : "not application/problem+json but " + response.headers().firstValue("content-type").orElse("no body");
        }
        if (status >= 200 && status < 300 && probe.readOnly()) {
            return null;
        }
        return "accepted: this request is invalid by construction";
    }

    private static HttpResponse<String> send(String service, Probes.Probe probe, String token) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.service(service).url() + probe.path()))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        request.method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(probe.body(), StandardCharsets.UTF_8));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(service + " " + probe.method() + " " + probe.path() + " [" + probe.what()
                    + "]: no answer: " + e, e);
        }
    }

    private static List<Operation> operations() throws IOException, InterruptedException {
        return ServedApi.operations(suite).stream().map(o -> new Operation(o.service(),
                new Probes(o.document(), o.method(), o.template(), o.pathItem()))).toList();
    }

    /** Every table of every schema of the three databases (the reporting read models too), with its row count. */
    private static Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        for (String service : Suite.SERVICES) {
            String database = Suite.database(service);
            try (Connection c = DriverManager.getConnection(suite.postgres().jdbcUrl(database), PostgresServer.SUPERUSER, "");
                 Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
                        + "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                        rs.next();
                        counts.put(database + ":" + table, rs.getLong(1));
                    }
                }
            }
        }
        assertThat(counts).hasSizeGreaterThan(20);
        return counts;
    }

    private static Map<String, Object> claims(String person, Instant issuedAt, Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", DevTokens.ISSUER);
        claims.put("sub", person);
        claims.put("upn", person);
        claims.put("aud", DevTokens.AUDIENCE);
        claims.put("groups", List.of("admin"));
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        return claims;
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
