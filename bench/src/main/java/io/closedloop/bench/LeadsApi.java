package io.closedloop.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.closedloop.stack.Suite;

/**
 * The leads-service calls several benchmarks make: a call that must succeed, a team that takes a product's leads in
 * turn, and the request that takes a lead in.
 */
final class LeadsApi {

    /** Business hours that never close: SLA clocks run at every hour of the benchmark. */
    static final String ALWAYS_OPEN = """
            {"MONDAY":[{"from":"00:00","to":"00:00"}],"TUESDAY":[{"from":"00:00","to":"00:00"}],
             "WEDNESDAY":[{"from":"00:00","to":"00:00"}],"THURSDAY":[{"from":"00:00","to":"00:00"}],
             "FRIDAY":[{"from":"00:00","to":"00:00"}],"SATURDAY":[{"from":"00:00","to":"00:00"}],
             "SUNDAY":[{"from":"00:00","to":"00:00"}]}""";

    private final String url;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    LeadsApi(Suite suite) {
        this.url = suite.service("leads-service").url();
    }

    /** Sends and answers the body; anything but a 2xx is an error. */
    String send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = Load.to(url + path).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (method.equals("PUT") && path.equals("/assignment-rules")) {
            request.header("If-Match", "*");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A team (with its manager and agents) to which one rule routes every lead for {@code product}, round robin. */
    void teamTakingInTurn(String adminToken, String teamId, String managerId, List<String> agents, String product)
            throws Exception {
        send("PUT", "/teams/" + teamId, adminToken, """
                {"name":"%s","managerId":"%s","timeZone":"UTC","businessHours":%s}""".formatted(teamId, managerId, ALWAYS_OPEN));
        send("PUT", "/people/" + managerId, adminToken, """
                {"name":"Manager of %s","roles":["MANAGER"],"teamId":"%s","active":true}""".formatted(teamId, teamId));
        for (String agent : agents) {
            send("PUT", "/people/" + agent, adminToken, """
                    {"name":"%s","roles":["AGENT"],"teamId":"%s","active":true}""".formatted(agent, teamId));
        }
        send("PUT", "/assignment-rules", adminToken, """
                {"rules":[{"id":"%s","name":"%s to %s in turn","match":{"products":["%s"]},
                  "target":{"teamId":"%s","strategy":"ROUND_ROBIN"}}]}""".formatted(teamId, product, teamId, product, teamId));
    }

    /** {@code POST /leads} for one customer (one e-mail address per lead: a repeated one is a likely duplicate). */
    HttpRequest newLead(String token, String customerName, String email, String product) {
        return Load.to(url + "/leads")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(lead(customerName, email, product)))
                .build();
    }

    /** {@code POST /leads/{id}/acknowledgment} by the lead's owner. */
    HttpRequest acknowledgment(String ownerToken, Object leadId) {
        return Load.to(url + "/leads/" + leadId + "/acknowledgment")
                .header("Authorization", "Bearer " + ownerToken)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    static String lead(String customerName, String email, String product) {
        return """
                {"source":"INBOUND","customer":{"name":"%s","email":"%s"},
                 "product":"%s","estimatedValue":{"amount":4200,"currency":"EUR"}}""".formatted(customerName, email, product);
    }
}
