package io.closedloop.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.closedloop.platform.problem.Problem;
import io.closedloop.platform.problem.ProblemException;
import io.closedloop.platform.problem.ProblemType;
import io.closedloop.platform.security.CurrentCaller;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Runs a creating request once per {@code Idempotency-Key}. Inside the request's transaction (after
 * {@code @Transactional}, before the method): the key is claimed for the caller with a hash of the request (its
 * operation and arguments); a key seen before answers the first answer again, or 422 for another request. The method's
 * answer is remembered in the same transaction as its writes, so a crash loses both or neither.
 */
@IdempotentCreate
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class IdempotencyInterceptor {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final IdempotencyStore store;
    private final CurrentCaller caller;
    private final CurrentVertxRequest request;
    private final ObjectMapper json;

    IdempotencyInterceptor(IdempotencyStore store, CurrentCaller caller, CurrentVertxRequest request, ObjectMapper json) {
        this.store = store;
        this.caller = caller;
        this.request = request;
        this.json = json;
    }

    @AroundInvoke
    Object once(InvocationContext invocation) throws Exception {
        RoutingContext context = request.getCurrent();
        String key = context == null ? null : context.request().getHeader(IdempotentCreate.HEADER);
        if (key == null) {
            return invocation.proceed();
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.invalid(IdempotentCreate.HEADER, "must be 1-200 visible ASCII characters");
        }
        String who = caller.get().personId();
        String operation = context.request().method() + " " + context.normalizedPath();
        String hash = hash(operation, invocation.getParameters());
        Optional<IdempotencyStore.Answer> earlier = store.claim(who, key, operation, hash);
        if (earlier.isPresent()) {
            if (!earlier.get().requestHash().equals(hash)) {
                throw new ProblemException(Problem.of(ProblemType.UNPROCESSABLE, "Idempotency-Key '" + key
                        + "' was used for a different request (" + earlier.get().operation() + "); use a new key for a new request"));
            }
            throw new IdempotentReplay(earlier.get());
        }
        Object result = invocation.proceed();
        remember(who, key, result);
        return result;
    }

    private void remember(String who, String key, Object result) throws JsonProcessingException {
        if (result instanceof Response response) {
            Object entity = response.getEntity();
            store.remember(who, key, response.getStatus(), response.getHeaderString(HttpHeaders.LOCATION),
                    entity == null ? null : json.writeValueAsString(entity));
        } else {
            store.remember(who, key, result == null ? 204 : 200, null, result == null ? null : json.writeValueAsString(result));
        }
    }

    private String hash(String operation, Object[] arguments) throws JsonProcessingException {
        List<Object> request = new ArrayList<>();
        request.add(operation);
        for (Object argument : arguments) {
            request.add(argument);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsString(request)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
