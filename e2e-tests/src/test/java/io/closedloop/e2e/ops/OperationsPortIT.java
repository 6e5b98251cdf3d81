package io.closedloop.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.closedloop.e2e.ServedApi;
import io.closedloop.e2e.WithSuite;
import io.closedloop.stack.ServiceProcess;
import io.closedloop.stack.Suite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged services as production runs them: metrics (which name people and teams), health and the OpenAPI
 * document on the management interface only, no Swagger UI or health UI at all, and — in the local run and the
 * tests — nothing listening beyond the loopback interface.
 */
@ExtendWith(WithSuite.class)
class OperationsPortIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<String> OPERATIONS = List.of("/q/metrics", "/q/health", "/q/health/ready",
            "/q/openapi", "/q/swagger-ui/", "/q/health-ui/", "/q/dev-ui/");

    @Test
    void the_api_port_serves_no_operations_endpoint(Suite suite) throws Exception {
        for (String name : Suite.SERVICES) {
            for (String path : OPERATIONS) {
                HttpResponse<String> response = get(suite.service(name).url() + path);
                assertThat(response.statusCode()).as(name + " API port " + path).isEqualTo(404);
                assertThat(ServedApi.isProblem(response)).as(name + " API port " + path + " answers problem details").isTrue();
                assertThat(response.body()).as(name + " API port " + path).doesNotContain("closedloop_", "openapi:");
            }
        }
    }

    @Test
    void the_management_port_serves_health_metrics_and_the_document_but_no_ui(Suite suite) throws Exception {
        for (String name : Suite.SERVICES) {
            String operations = suite.service(name).managementUrl();
            assertThat(get(operations + "/q/health/ready").statusCode()).as(name + " readiness").isEqualTo(200);
            HttpResponse<String> metrics = get(operations + "/q/metrics");
            assertThat(metrics.statusCode()).as(name + " metrics").isEqualTo(200);
            assertThat(metrics.body()).contains("closedloop_http_requests_refused_total", "jvm_memory_used_bytes");
            assertThat(get(operations + "/q/openapi?format=json").body()).as(name + " OpenAPI").contains("\"openapi\"");
            for (String ui : List.of("/q/swagger-ui/", "/q/health-ui/", "/q/dev-ui/")) {
                assertThat(get(operations + ui).statusCode()).as(name + " " + ui + " in production").isEqualTo(404);
            }
        }
    }

    @Test
    void every_port_of_every_service_listens_on_the_loopback_interface_only(Suite suite) throws IOException {
        List<String> listening = listeningSockets();
        for (String name : Suite.SERVICES) {
            ServiceProcess service = suite.service(name);
            for (int port : List.of(service.port(), service.managementPort())) {
                List<String> addresses = listening.stream().filter(socket -> socket.endsWith(":" + port)).toList();
                assertThat(addresses).as(name + " port " + port + " is listening").isNotEmpty()
                        .allSatisfy(address -> assertThat(isLoopback(address)).as(address).isTrue());
            }
        }
    }

    /**
     * HTTP/1.1 only: an h2c upgrade (what Java's client and curl --http2 offer on plain HTTP) is not taken up, since
     * behind a proxy it is the way requests are smuggled past its rules.
     */
    @Test
    void an_h2c_upgrade_is_declined_and_the_request_answered_over_http_1_1(Suite suite) throws Exception {
        HttpClient offersHttp2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        for (String name : Suite.SERVICES) {
            HttpResponse<String> response = offersHttp2.send(HttpRequest.newBuilder(
                    URI.create(suite.service(name).url() + "/nothing-here")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).as(name).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(404);
        }
    }

    /** Local addresses of listening TCP sockets, as /proc/net/tcp and tcp6 show them: "hex-address:port". */
    private static List<String> listeningSockets() throws IOException {
        List<String> sockets = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals("0A")) { // LISTEN
                    String[] local = fields[1].split(":");
                    sockets.add(local[0] + ":" + Integer.parseInt(local[1], 16));
                }
            }
        }
        assertThat(sockets).as("listening sockets found in /proc/net").isNotEmpty();
        return sockets;
    }

    /** 127.x.x.x (little-endian hex in tcp), ::1, or ::ffff:127.x.x.x (tcp6). */
    private static boolean isLoopback(String socket) {
        String address = socket.substring(0, socket.indexOf(':')).toUpperCase(Locale.ROOT);
        if (address.length() == 8) {
            return address.endsWith("7F");
        }
        return address.equals("00000000000000000000000001000000")
                || (address.startsWith("0000000000000000FFFF0000") && address.endsWith("7F"));
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
