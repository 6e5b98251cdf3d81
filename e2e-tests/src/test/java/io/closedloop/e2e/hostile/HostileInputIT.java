package io.closedloop.e2e.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.closedloop.e2e.ServedApi;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.Suite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Walks every operation of every service's OpenAPI document (as served; each service's tests hold it equal to the committed one) and
 * sends it hostile input: only 4xx {@code application/problem+json} answers may come back (a read may also answer
 * 2xx: a strange filter is still a filter), never a 5xx, and afterwards not a row more in any table of any database.
 * Then the same operations with missing, expired, foreign, forged and unsigned tokens: 401, with problem details.
 *
 * <p>On the {@link IdleSuite}, so that "nothing stored" can be checked by counting every table's rows.
 */
@ExtendWith(IdleSuite.class)
class HostileInputIT {

    private static final String ADMIN = DevTokens.mint("probe-admin", "admin", "integrator");

    private static Suite suite;

    @BeforeAll
    static void start(Suite idle) {
        suite = idle;
    }

    @Test
    void every_operation_answers_hostile_input_with_a_problem_never_a_5xx_and_stores_nothing() throws Exception {
        Map<String, Long> before = Rows.count(suite);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        List<Requests.Operation> operations = Requests.operations(suite);
        assertThat(operations).hasSizeGreaterThanOrEqualTo(60);
        for (Requests.Operation operation : operations) {
            for (Probes.Probe probe : operation.probes().all()) {
                HttpResponse<String> response = Requests.send(suite, operation.service(), probe, ADMIN);
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
        assertThat(Rows.count(suite)).as("rows in every table of every database").isEqualTo(before);
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

        Map<String, Long> before = Rows.count(suite);
        List<String> failures = new ArrayList<>();
        for (Requests.Operation operation : Requests.operations(suite)) {
            Probes.Probe plain = operation.probes().plain();
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                HttpResponse<String> response = Requests.send(suite, operation.service(), plain, token.getValue());
                if (response.statusCode() != 401 || !ServedApi.isProblem(response)) {
                    failures.add(operation.name() + " with " + token.getKey() + " → " + response.statusCode() + " "
                            + Probes.shortly(response.body()));
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(Rows.count(suite)).isEqualTo(before);
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
