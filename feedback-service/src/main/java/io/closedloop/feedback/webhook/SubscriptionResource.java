package io.closedloop.feedback.webhook;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.closedloop.events.EventJson;
import io.closedloop.feedback.FeedbackConfig;
import io.closedloop.feedback.notification.NotificationType;
import io.closedloop.platform.problem.FieldViolation;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.security.Caller;
import io.closedloop.platform.security.CurrentCaller;
import io.closedloop.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.util.HashMap;
import java.util.Map;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.closedloop.platform.api.Cursor;
import io.closedloop.platform.api.Page;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.closedloop.platform.idempotency.IdempotentCreate;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
@RolesAllowed({Roles.REFERRER, Roles.AGENT, Roles.MANAGER, Roles.ADMIN})
public class SubscriptionResource {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The caller's notifications of {@code types} (all when empty) POSTed to {@code url}, signed with {@code secret}
     * (generated when absent, then shown once).
     */
    @Schema(description = "The caller's notifications of types (all when empty) POSTed to url, signed with secret "
            + "(generated when absent, then shown once)")
    public record NewSubscription(@NotBlank @Size(max = 2000) @Schema(examples = "https://hooks.example.com/closedloop")
                                  String url,
                                  @Size(min = 16, max = 200) @Schema(examples = "a-long-random-shared-secret") String secret,
                                  @Size(max = 20) @Schema(examples = "[\"loop.echoed\", \"loop.overdue\"]")
                                  Set<@NotBlank String> types,
                                  @Schema(description = "STANDARD (default): Closed Loop's signed JSON; SLACK or TEAMS: "
                                          + "the message as that tool's incoming webhook takes it, to post into a channel")
                                  Subscription.Format format) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Subscription")
    public record SubscriptionView(@NotNull UUID id, @NotNull @Schema(examples = "rita-referrer") String ownerId,
                                   @NotNull @Schema(examples = "https://hooks.example.com/closedloop") String url,
                                   @NotNull @Schema(description = "The notification types sent; all when empty") List<String> types,
                                   @NotNull Subscription.Format format,
                                   @NotNull Subscription.State state, int consecutiveFailures, Instant suspendedAt,
                                   @NotNull Instant createdAt,
                                   @Schema(description = "The generated signing secret, in the answer to its creation only")
                                   String secret) {

        static SubscriptionView of(Subscription s, String secretShownOnce) {
            return new SubscriptionView(s.id, s.ownerId, s.url, s.typeList(), s.format, s.state, s.consecutiveFailures,
                    s.suspendedAt, s.createdAt, secretShownOnce);
        }
    }

    /**
     * One attempt: when, what became of it (DELIVERED, HTTP_ERROR, TIMEOUT, UNREACHABLE, ADDRESS_REFUSED) and the
     * receiver's HTTP status when it answered. Nothing more — no error text, no timing — so the log cannot be used to map
     * a network.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DeliveryAttempt")
    public record AttemptView(@NotNull Instant at,
                              @NotNull @Schema(enumeration = {"DELIVERED", "HTTP_ERROR", "TIMEOUT", "UNREACHABLE",
                                      "ADDRESS_REFUSED"}) String outcome,
                              @Schema(description = "The receiver's HTTP status, when it answered", examples = "200") Integer status) {
    }

    /** A delivery: PENDING (not tried yet), RETRYING (tried, tried again at nextAttemptAt), DELIVERED or FAILED. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Delivery")
    public record DeliveryView(@NotNull UUID id, @NotNull UUID notificationId,
                               @NotNull @Schema(enumeration = {"PENDING", "RETRYING", "DELIVERED", "FAILED"}) String state,
                               int attempts, Instant nextAttemptAt, Instant deliveredAt, Integer lastStatus,
                               String lastOutcome, @NotNull List<AttemptView> log) {
    }

    private final FeedbackConfig config;
    private final CurrentCaller caller;
    private final Clock clock;
    private final WebhookDispatcher dispatcher;
    private final ActiveSubscriptions subscriptions;

    SubscriptionResource(FeedbackConfig config, CurrentCaller caller, Clock clock, WebhookDispatcher dispatcher,
                         ActiveSubscriptions subscriptions) {
        this.config = config;
        this.caller = caller;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.subscriptions = subscriptions;
    }

    @POST
    @Transactional
    @Operation(operationId = "createSubscription", summary = "Subscribe a webhook to the caller's notifications",
            description = "Each delivery is signed: header Closedloop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 "
                    + "of \"<t>.<body>\" keyed with the secret>. Reject a delivery whose signature does not match or "
                    + "whose t is more than five minutes away from now. Answer within five seconds (headers and body): "
                    + "a delivery that takes longer counts as failed. Failed deliveries are retried with exponential "
                    + "backoff; a subscription that keeps failing is suspended and its owner told. The URL must be https "
                    + "on a public address (checked again before every delivery); each person may have ten.")
    @IdempotentCreate
    @Parameter(in = ParameterIn.HEADER, name = IdempotentCreate.HEADER, description = IdempotentCreate.DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @APIResponse(responseCode = "201", description = "Subscribed (or replayed: header Idempotency-Replayed)",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)),
            headers = @Header(name = "Location", description = "The subscription's address",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")))
    public Response subscribe(@Valid @NotNull NewSubscription body) {
        Caller who = caller.get();
        String problem = UrlPolicy.problem(body.url().strip(), new UrlPolicy.Rules(config.webhooks().allowPrivateNetwork(),
                config.webhooks().requireHttps()));
        if (problem != null) {
            throw ProblemException.invalid("url", problem);
        }
        // One person's subscriptions are counted under a lock on the person, so two at once cannot both be the tenth.
        Subscription.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "subscriptions:" + who.personId()).getSingleResult();
        long owned = Subscription.count("ownerId", who.personId());
        if (owned >= config.webhooks().maxSubscriptionsPerPerson()) {
            throw ProblemException.conflict("You have " + owned + " webhook subscriptions, the most one person may have; "
                    + "delete one you no longer use first");
        }
        if (body.types() != null) {
            List<FieldViolation> unknown = body.types().stream().filter(t -> !NotificationType.isKnown(t))
                    .map(t -> new FieldViolation("types", "'" + t + "' is not a notification type")).toList();
            if (!unknown.isEmpty()) {
                throw ProblemException.invalid(unknown);
            }
        }
        boolean generated = body.secret() == null;
        Subscription s = new Subscription();
        s.id = UUID.randomUUID();
        s.ownerId = who.personId();
        s.url = body.url().strip();
        s.secret = generated ? newSecret() : body.secret();
        s.types = write(body.types() == null ? List.of() : body.types().stream().sorted().toList());
        s.state = Subscription.State.ACTIVE;
        s.format = body.format() == null ? Subscription.Format.STANDARD : body.format();
        s.createdAt = clock.instant();
        s.persist();
        subscriptions.changed();
        return Response.created(URI.create("/subscriptions/" + s.id))
                .entity(SubscriptionView.of(s, generated ? s.secret : null)).build();
    }

    @GET
    @Transactional
    @Operation(operationId = "listSubscriptions", summary = "The caller's subscriptions, oldest first",
            description = "All of them for the admin.")
    public Page<SubscriptionView> list(@QueryParam("cursor") @Size(max = 200) String cursor,
                                       @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        Caller who = caller.get();
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (!who.isAdmin()) {
            query.append(" and ownerId = :me");
            parameters.put("me", who.personId());
        }
        Cursor.appendAfter(query, parameters, cursor, "subscription", "createdAt", false);
        List<Subscription> rows = Subscription.<Subscription>find(query + " order by createdAt, id", parameters)
                .range(0, limit).list();
        Subscription last = rows.size() > limit ? rows.get(limit - 1) : null;
        return new Page<>(rows.stream().limit(limit).map(s -> SubscriptionView.of(s, null)).toList(),
                last == null ? null : Cursor.encode("subscription", last.createdAt.toString(), last.id.toString()));
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(operationId = "getSubscription", summary = "One subscription")
    public SubscriptionView get(@Parameter(description = "The subscription's id") @PathParam("id") UUID id) {
        return SubscriptionView.of(owned(id, false), null);
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    @Operation(operationId = "deleteSubscription", summary = "Unsubscribe: nothing more is delivered")
    @APIResponse(responseCode = "204", description = "Unsubscribed")
    public Response delete(@Parameter(description = "The subscription's id") @PathParam("id") UUID id) {
        Subscription s = owned(id, true);
        DeliveryAttempt.delete("deliveryId in (select d.id from Delivery d where d.subscriptionId = ?1)", s.id);
        Delivery.delete("subscriptionId", s.id);
        s.delete();
        subscriptions.changed();
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/resumption")
    @Transactional
    @Operation(operationId = "resumeSubscription", summary = "Resume a suspended subscription: pending deliveries go out again")
    public SubscriptionView resume(@Parameter(description = "The subscription's id") @PathParam("id") UUID id) {
        Subscription s = owned(id, true);
        s.state = Subscription.State.ACTIVE;
        s.consecutiveFailures = 0;
        s.suspendedAt = null;
        subscriptions.changed();
        Delivery.update("nextAttemptAt = ?1 where subscriptionId = ?2 and state = ?3", clock.instant(), s.id,
                Delivery.State.PENDING);
        dispatcher.wakeUp();
        return SubscriptionView.of(s, null);
    }

    @GET
    @Path("/{id}/deliveries")
    @Transactional
    @Operation(operationId = "listDeliveries", summary = "The delivery log: every delivery, newest first, with each attempt")
    public Page<DeliveryView> deliveries(@Parameter(description = "The subscription's id") @PathParam("id") UUID id,
                                         @QueryParam("cursor") @Size(max = 200) String cursor,
                                         @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        Subscription s = owned(id, false);
        StringBuilder query = new StringBuilder("subscriptionId = :subscription");
        Map<String, Object> parameters = new HashMap<>(Map.of("subscription", s.id));
        Cursor.appendAfter(query, parameters, cursor, "delivery", "createdAt", true);
        List<Delivery> rows = Delivery.<Delivery>find(query + " order by createdAt desc, id desc", parameters)
                .range(0, limit).list();
        Delivery last = rows.size() > limit ? rows.get(limit - 1) : null;
        List<DeliveryView> items = rows.stream().limit(limit)
                .map(d -> new DeliveryView(d.id, d.notificationId, stateOf(d), d.attempts, d.nextAttemptAt, d.deliveredAt,
                        d.lastStatus, d.lastError, DeliveryAttempt.<DeliveryAttempt>list("deliveryId = ?1 order by id", d.id)
                        .stream().map(a -> new AttemptView(a.attemptedAt, a.error == null ? "DELIVERED" : a.error, a.status))
                        .toList()))
                .toList();
        return new Page<>(items, last == null ? null
                : Cursor.encode("delivery", last.createdAt.toString(), last.id.toString()));
    }

    private static String stateOf(Delivery d) {
        return d.state == Delivery.State.PENDING && d.attempts > 0 ? "RETRYING" : d.state.name();
    }

    private Subscription owned(UUID id, boolean lock) {
        Caller who = caller.get();
        Subscription s = lock ? Subscription.findById(id, LockModeType.PESSIMISTIC_WRITE) : Subscription.findById(id);
        if (s == null || (!who.isAdmin() && !who.personId().equals(s.ownerId))) {
            throw ProblemException.notFound("subscription", id);
        }
        return s;
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + HexFormat.of().formatHex(bytes);
    }

    private static String write(List<String> types) {
        try {
            return EventJson.mapper().writeValueAsString(types);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
