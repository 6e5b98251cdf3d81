package io.closedloop.platform.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * A creating operation that honours {@code Idempotency-Key}: the same caller sending the same key with the same request
 * gets the first answer again (with {@code Idempotency-Replayed: true}) and nothing is created twice; the same key with
 * another request answers 422. Put it on a resource method that runs in a transaction (see {@link IdempotencyInterceptor}).
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface IdempotentCreate {

    /** The header's name, and what the contract says of it. */
    String HEADER = "Idempotency-Key";
    String DESCRIPTION = "1-200 visible ASCII characters, unique per request you mean once: retrying with the same key "
            + "and the same request returns the first answer (header Idempotency-Replayed: true) and creates nothing "
            + "more; the same key with another request answers 422. Keys are kept 24 hours.";
}
