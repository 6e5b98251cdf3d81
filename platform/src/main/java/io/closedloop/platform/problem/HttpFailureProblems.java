package io.closedloop.platform.problem;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} is refused before it is read, with problem
 * details. Quarkus's own limit handler would answer an empty 413; this runs just before it. (A chunked body without a
 * declared length that grows past the limit is still cut off by the HTTP layer.)
 */
@ApplicationScoped
public class HttpFailureProblems {

    private final ObjectMapper json;
    private final long maxBodyBytes;

    HttpFailureProblems(ObjectMapper json,
                        @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.json = json;
        this.maxBodyBytes = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseOversizedBodies);
    }

    private void refuseOversizedBodies(RoutingContext context) {
        String declared = context.request().getHeader("Content-Length");
        if (declared == null) {
            context.next();
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            respond(context, Problem.of(ProblemType.MALFORMED, "Content-Length is not a number"));
            return;
        }
        if (length <= maxBodyBytes) {
            context.next();
            return;
        }
        respond(context, Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                "The body is " + length + " bytes; this service accepts at most " + maxBodyBytes));
    }

    private void respond(RoutingContext context, Problem problem) {
        try {
            var response = context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
            if (context.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
                // The unread body would otherwise be taken for the next request. HTTP/2 forbids the header (a client
                // rejects the whole answer) and needs no such thing: the stream is reset.
                response.putHeader("Connection", "close");
            }
            response.end(json.writeValueAsString(problem.withInstance(context.normalizedPath())));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
