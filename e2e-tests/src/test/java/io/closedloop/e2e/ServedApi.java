package io.closedloop.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.stack.Suite;

/**
 * The operations the running services serve, read from their OpenAPI documents (each service's own test holds the
 * served document equal to the committed {@code openapi.yaml}), and what every refusal must look like: the tests that
 * walk every operation (hostile input, the authorization matrix) share both.
 */
public final class ServedApi {

    /** One operation: its service, the service's whole document (for schemas) and the path item it belongs to. */
    public record Operation(String service, JsonNode document, String method, String template, JsonNode pathItem) {

        public String signature() {
            return ServedApi.signature(service, method, template);
        }
    }

    /** "leads-service POST /leads/{}/outcome": the template with every path parameter alike, whatever it is named. */
    public static String signature(String service, String method, String template) {
        return service + " " + method.toUpperCase() + " " + template.replaceAll("\\{[^}]+}", "{}");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ServedApi() {
    }

    /** Every operation of every service, in document order. */
    public static List<Operation> operations(Suite suite) throws IOException, InterruptedException {
        List<Operation> operations = new ArrayList<>();
        for (String service : Suite.SERVICES) {
            // In JSON: YAML 1.1 readers take the document's example times for sexagesimal numbers.
            JsonNode document = JSON.readTree(HTTP.send(HttpRequest.newBuilder(
                    URI.create(suite.service(service).managementUrl() + "/q/openapi?format=json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (String method : List.of("get", "post", "put", "patch", "delete")) {
                    if (path.getValue().has(method)) {
                        operations.add(new Operation(service, document, method, path.getKey(), path.getValue()));
                    }
                }
            }
        }
        return operations;
    }

    /** RFC 9457 problem details: that media type, a title, and the response's own status. */
    public static boolean isProblem(HttpResponse<String> response) {
        if (!response.headers().firstValue("content-type").orElse("").startsWith("application/problem+json")) {
            return false;
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            return problem.path("status").asInt() == response.statusCode() && !problem.path("title").asText().isBlank();
        } catch (IOException e) {
            return false;
        }
    }
}
