package io.closedloop.platform.http;

import io.closedloop.platform.config.PlatformConfig;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code GET /} in a browser: a redirect to the API's documentation where it is served
 * ({@code closedloop.http.front-page}: the local run's Swagger UI, on the management port). Where it is not configured
 * (production, which serves no Swagger UI), {@code /} is a resource like any other that does not exist: 404, with a
 * problem.
 */
@ApplicationScoped
public class FrontPage {

    private final PlatformConfig config;

    FrontPage(PlatformConfig config) {
        this.config = config;
    }

    void register(@Observes Router router) {
        config.http().frontPage().ifPresent(target -> router.get("/").handler(context -> context.response()
                .setStatusCode(302).putHeader("Location", target).putHeader("Cache-Control", "no-store").end()));
    }
}
