package io.closedloop.platform.http;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.platform.config.PlatformConfig;
import io.closedloop.platform.problem.Problem;
import io.closedloop.platform.problem.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What one request may hold and take, checked before anything else handles it, and answered with problem details:
 * a request line or a header block over its limit (414, 431), a body larger than
 * {@code quarkus.http.limits.max-body-size} whether declared or sent in chunks (413), a body that has not fully
 * arrived within its deadline (408, and the connection closed).
 *
 * <p>The body is read here, whole, on the event loop, and handed to the REST layer as a buffer: no worker thread
 * waits on a client, however slowly it sends. What bodies being read may hold is bounded in all and per client
 * address ({@link BodyBudget}; 503 with Retry-After, 429).
 *
 * <p>The HTTP layer's own limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) sit
 * above these as the last bound on what a connection may make it buffer; a request beyond them never reaches the
 * router, and Vert.x answers it with an empty 414 or 431 and closes the connection (no Quarkus hook reaches that
 * answer).
 */
@ApplicationScoped
public class RequestLimits {

    private enum Refusal {
        REQUEST_LINE(ProblemType.URI_TOO_LONG), HEADERS(ProblemType.HEADERS_TOO_LARGE),
        CONTENT_LENGTH(ProblemType.MALFORMED), BODY_SIZE(ProblemType.PAYLOAD_TOO_LARGE),
        BODY_DEADLINE(ProblemType.REQUEST_TIMEOUT), CLIENT_SHARE(ProblemType.TOO_MANY_REQUESTS),
        BODY_BUFFER(ProblemType.UNAVAILABLE);

        final ProblemType type;

        Refusal(ProblemType type) {
            this.type = type;
        }
    }

    private final Vertx vertx;
    private final ObjectMapper json;
    private final PlatformConfig.Http limits;
    private final long maxBodyBytes;
    private final BodyBudget budget;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

    RequestLimits(Vertx vertx, ObjectMapper json, PlatformConfig config, MeterRegistry registry,
                  @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.vertx = vertx;
        this.json = json;
        this.limits = config.http();
        this.maxBodyBytes = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.budget = new BodyBudget(limits.bodyBuffer().asLongValue(), limits.bodyBufferPerClient().asLongValue());
        for (Refusal refusal : Refusal.values()) {
            refused.put(refusal, Counter.builder("closedloop.http.requests.refused")
                    .description("Requests refused before they reached the API, by the limit they broke")
                    .tag("limit", refusal.name().toLowerCase()).register(registry));
        }
        Gauge.builder("closedloop.http.body.buffered.bytes", budget, BodyBudget::held)
                .description("Bytes held by request bodies being read").baseUnit("bytes").register(registry);
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        RequestSize size = new RequestSize(request.method().name(), request.uri(), request.version());
        if (size.requestLineBytes() > limits.maxRequestLine()) {
            refuse(context, Refusal.REQUEST_LINE, "The request line is " + size.requestLineBytes()
                    + " bytes; this service accepts at most " + limits.maxRequestLine()
                    + ". Send long filters as fewer or shorter values.");
            return;
        }
        long headerBytes = RequestSize.headerBytes(request.headers());
        if (headerBytes > limits.maxHeaderBytes()) {
            refuse(context, Refusal.HEADERS, "The headers are " + headerBytes + " bytes; this service accepts at most "
                    + limits.maxHeaderBytes());
            return;
        }
        String declared = request.getHeader("Content-Length");
        long length = declared == null ? -1 : RequestSize.contentLength(declared);
        if (declared != null && length < 0) {
            refuse(context, Refusal.CONTENT_LENGTH, "Content-Length is not a number of bytes");
            return;
        }
        if (length > maxBodyBytes) {
            refuse(context, Refusal.BODY_SIZE, tooLarge(length + " bytes"));
            return;
        }
        if (request.isEnded() || request.version() == HttpVersion.HTTP_2) {
            // HTTP/2 is off (quarkus.http.http2=false); were it on, the REST layer could not take over an h2 stream
            // that has ended, so its bodies would be left to the REST layer to read.
            context.next();
            return;
        }
        new BodyReading(context, length).start();
    }

    private String tooLarge(String size) {
        return "The body is " + size + "; this service accepts at most " + maxBodyBytes + " bytes";
    }

    /** One request's body, read whole on the event loop within the deadline and the budget, then passed on. */
    private final class BodyReading {

        private final RoutingContext context;
        private final HttpServerRequest request;
        private final String client;
        private final Buffer body;
        private long reserved;
        private long timer;
        private boolean finished;

        BodyReading(RoutingContext context, long declaredLength) {
            this.context = context;
            this.request = context.request();
            this.client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
            this.body = Buffer.buffer((int) Math.min(Math.max(declaredLength, 256), 64 * 1024));
        }

        void start() {
            context.addEndHandler(ignored -> {
                vertx.cancelTimer(timer);
                budget.release(client, reserved);
                reserved = 0;
            });
            timer = vertx.setTimer(limits.bodyDeadline().toMillis(), ignored -> refuseOnce(Refusal.BODY_DEADLINE,
                    "The body did not arrive within " + limits.bodyDeadline().toSeconds()
                            + " s of the request's headers; send it at once"));
            request.handler(this::chunk);
            request.endHandler(ignored -> end());
            request.exceptionHandler(failure -> {
                finished = true; // The client went away; the end handler gives the budget back.
                vertx.cancelTimer(timer);
            });
            if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
                context.response().writeContinue();
            }
            request.resume();
        }

        private void chunk(Buffer chunk) {
            if (finished) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxBodyBytes) {
                refuseOnce(Refusal.BODY_SIZE, tooLarge("more than " + maxBodyBytes + " bytes"));
                return;
            }
            switch (budget.reserve(client, chunk.length())) {
                case GRANTED -> {
                    reserved += chunk.length();
                    body.appendBuffer(chunk);
                }
                case CLIENT_SHARE_EXCEEDED -> refuseOnce(Refusal.CLIENT_SHARE, "Bodies from your address being read "
                        + "already hold " + budget.perClient() + " bytes; send fewer at once");
                case BUDGET_EXCEEDED -> refuseOnce(Refusal.BODY_BUFFER, "This service is reading as many bodies as "
                        + "it can hold; try again in a second");
            }
        }

        private void end() {
            if (finished) {
                return;
            }
            finished = true;
            vertx.cancelTimer(timer);
            context.setBody(body);
            context.next();
        }

        private void refuseOnce(Refusal refusal, String detail) {
            if (finished) {
                return;
            }
            finished = true;
            vertx.cancelTimer(timer);
            refuse(context, refusal, detail);
        }
    }

    /**
     * Answers, then on HTTP/1.1 closes the connection: the unread rest of the request would otherwise be taken for
     * the next one. A client still sending is read (and what it sends dropped) for up to {@link #LINGER} first, as a
     * web server's lingering close does: closing on unread data resets the connection, and the reset can overtake
     * the answer. HTTP/2 forbids the header and needs no such thing: the stream ends.
     */
    private void refuse(RoutingContext context, Refusal refusal, String detail) {
        refused.get(refusal).increment();
        Problem problem = Problem.of(refusal.type, detail).withInstance(context.normalizedPath());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            context.fail(e);
            return;
        }
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response().setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (refusal == Refusal.BODY_BUFFER) {
            response.putHeader("Retry-After", "1");
        }
        if (request.version() == HttpVersion.HTTP_2) {
            response.end(body);
            return;
        }
        response.putHeader("Connection", "close");
        if (request.isEnded()) {
            response.end(body).onComplete(ignored -> request.connection().close());
            return;
        }
        long linger = vertx.setTimer(LINGER.toMillis(), ignored -> request.connection().close());
        request.handler(dropped -> { });
        request.exceptionHandler(ignored -> vertx.cancelTimer(linger));
        request.endHandler(ignored -> {
            vertx.cancelTimer(linger);
            request.connection().close();
        });
        response.end(body);
        request.resume();
    }

    /** How long the rest of a refused request is read and dropped before its connection is closed. */
    private static final java.time.Duration LINGER = java.time.Duration.ofSeconds(2);
}
