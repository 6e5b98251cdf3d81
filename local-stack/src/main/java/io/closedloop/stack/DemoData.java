package io.closedloop.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Loads the stories of the product brief into a fresh suite, through the public APIs as a user would: the dropped
 * million-dollar lead, the loan released in silence, the "tomorrow, or never" prospect and the difficult client.
 */
public final class DemoData {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String leadsUrl;

    public DemoData(String leadsUrl) {
        this.leadsUrl = leadsUrl;
    }

    public record Step(String description, String asPerson, String role, String method, String path, String body) {
    }

    static List<Step> steps() {
        return List.of(
                new Step("The dropped million-dollar lead: a consultant refers a huge prospect to a partner",
                        "consultant-carla", "referrer", "POST", "/leads", """
                        {"source":"REFERRAL","referrerId":"consultant-carla",
                         "customer":{"name":"Victor Hale","organisation":"Hale Industries","email":"victor.hale@hale.example"},
                         "product":"Enterprise consulting","estimatedValue":{"amount":1000000,"currency":"USD"},
                         "territory":"north-america"}"""),
                new Step("The loan released in silence: a branch president refers a customer to lending",
                        "branch-president-bea", "referrer", "POST", "/leads", """
                        {"source":"REFERRAL","referrerId":"branch-president-bea",
                         "customer":{"name":"Mrs Chen","organisation":"Chen Logistics","phone":"+33 6 12 34 56 78"},
                         "product":"Business loan","estimatedValue":{"amount":250000,"currency":"EUR"},
                         "territory":"paris"}"""),
                new Step("Tomorrow, or never: an inbound prospect demands a meeting at once",
                        "agent-omar", "agent", "POST", "/leads", """
                        {"source":"INBOUND",
                         "customer":{"name":"Rex Rush","organisation":"Rush & Co","email":"rex@rush.example"},
                         "product":"Wealth management","territory":"paris",
                         "urgency":{"statement":"We sign tomorrow or never","demandedBy":"2026-11-24T09:00:00Z"}}"""),
                new Step("The difficult client: an existing customer comes back with a new need",
                        "agent-ann", "agent", "POST", "/leads", """
                        {"source":"EXISTING_CUSTOMER",
                         "customer":{"name":"Gordon Grey","organisation":"Grey Freight","email":"gordon@greyfreight.example",
                                     "reference":"CRM-1042"},
                         "product":"Fleet insurance","estimatedValue":{"amount":40000,"currency":"EUR"},"territory":"lyon"}"""));
    }

    /** Runs every step; returns how many were loaded. */
    public int load() {
        int loaded = 0;
        for (Step step : steps()) {
            String base = leadsUrl;
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + step.path()))
                    .timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + DevTokens.mint(step.asPerson(), step.role()))
                    .header("Content-Type", "application/json")
                    .method(step.method(), HttpRequest.BodyPublishers.ofString(step.body()))
                    .build();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 300) {
                    throw new IllegalStateException("Demo step '" + step.description() + "' answered "
                            + response.statusCode() + ": " + response.body());
                }
                loaded++;
            } catch (IOException e) {
                throw new IllegalStateException("Demo step '" + step.description() + "' failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return loaded;
    }
}
