package io.closedloop.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.stack.DevTokens;
import io.closedloop.stack.PostgresServer;
import io.closedloop.stack.Suite;

/** reporting-service of the benchmarked suite, as an admin sees it, and its database, as the superuser does. */
final class Reporting {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Suite suite;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String admin = DevTokens.mint("bench-admin", "admin");

    Reporting(Suite suite) {
        this.suite = suite;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(suite.postgres().jdbcUrl("reporting"), PostgresServer.SUPERUSER, "");
    }

    long count(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The schema the read models are served from. */
    String liveSchema() throws Exception {
        return JSON.readTree(get("/admin/read-models").body()).path("live").asText();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(Load.to(suite.service("reporting-service").url() + path).header("Authorization", "Bearer " + admin)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json, Duration timeout) throws Exception {
        return http.send(Load.to(suite.service("reporting-service").url() + path).header("Authorization", "Bearer " + admin)
                .timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
