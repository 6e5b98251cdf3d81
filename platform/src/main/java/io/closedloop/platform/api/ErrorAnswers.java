package io.closedloop.platform.api;

import java.util.ArrayList;
import java.util.List;

import io.closedloop.platform.problem.ProblemType;

/**
 * The error answers an operation can give, from its shape and what the platform does to every request: the limits
 * ({@code http.RequestLimits}), the strict query and JSON checks, authentication and roles, idempotency keys, row
 * versions and preconditions. Pure.
 */
public final class ErrorAnswers {

    /** What decides an operation's possible errors. */
    public record Shape(String method, boolean body, boolean pathParameters, boolean ifMatch, boolean queryParameters) {

        boolean writes() {
            return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        }
    }

    /** Every answer documented as a shared response, in status order. */
    static final List<ProblemType> DOCUMENTED = List.of(ProblemType.VALIDATION, ProblemType.UNAUTHENTICATED,
            ProblemType.FORBIDDEN, ProblemType.NOT_FOUND, ProblemType.NOT_ACCEPTABLE, ProblemType.REQUEST_TIMEOUT,
            ProblemType.CONFLICT, ProblemType.PRECONDITION_FAILED, ProblemType.PAYLOAD_TOO_LARGE,
            ProblemType.URI_TOO_LONG, ProblemType.UNSUPPORTED_MEDIA_TYPE, ProblemType.UNPROCESSABLE,
            ProblemType.TOO_MANY_REQUESTS, ProblemType.HEADERS_TOO_LARGE, ProblemType.INTERNAL, ProblemType.UNAVAILABLE);

    private ErrorAnswers() {
    }

    public static List<ProblemType> of(Shape shape) {
        List<ProblemType> answers = new ArrayList<>();
        // Any request: a bad or unknown query parameter, a bad body or path value (400); no or a bad token (401); a
        // role that may not (403); an Accept the operation cannot serve (406); a request line or headers over their
        // limits (414, 431); a fault (500); the database away or the body buffer full (503).
        answers.add(ProblemType.VALIDATION);
        answers.add(ProblemType.UNAUTHENTICATED);
        answers.add(ProblemType.FORBIDDEN);
        if (shape.pathParameters()) {
            answers.add(ProblemType.NOT_FOUND);
        }
        answers.add(ProblemType.NOT_ACCEPTABLE);
        if (shape.body()) {
            answers.add(ProblemType.REQUEST_TIMEOUT);
        }
        if (shape.writes()) {
            answers.add(ProblemType.CONFLICT);
        }
        if (shape.ifMatch()) {
            answers.add(ProblemType.PRECONDITION_FAILED);
        }
        if (shape.body()) {
            answers.add(ProblemType.PAYLOAD_TOO_LARGE);
        }
        answers.add(ProblemType.URI_TOO_LONG);
        if (shape.body()) {
            answers.add(ProblemType.UNSUPPORTED_MEDIA_TYPE);
        }
        if (shape.writes()) {
            answers.add(ProblemType.UNPROCESSABLE);
        }
        if (shape.body()) {
            answers.add(ProblemType.TOO_MANY_REQUESTS);
        }
        answers.add(ProblemType.HEADERS_TOO_LARGE);
        answers.add(ProblemType.INTERNAL);
        answers.add(ProblemType.UNAVAILABLE);
        return List.copyOf(answers);
    }

    /** The shared response's name, e.g. {@code NotFound}. */
    static String name(ProblemType type) {
        StringBuilder name = new StringBuilder();
        for (String word : type.name().toLowerCase().split("_")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    static String describe(ProblemType type) {
        return switch (type) {
            case VALIDATION -> "The request is not valid: a query parameter unknown, repeated or out of its allowed "
                    + "values, or a body or path value that breaks a rule; errors[] names each field";
            case UNAUTHENTICATED -> "No token, or one that is expired, forged, for another audience or without a subject";
            case FORBIDDEN -> "The caller's role does not allow this, or the object is visible but not theirs to change";
            case NOT_FOUND -> "No such object, or one the caller may not see";
            case NOT_ACCEPTABLE -> "The Accept header names no type this operation answers with";
            case REQUEST_TIMEOUT -> "The body did not arrive within its deadline (10 s); the connection is closed";
            case CONFLICT -> "The request conflicts with the current state (a likely duplicate, a transition that is "
                    + "not allowed now, or another write that won); read again and decide";
            case PRECONDITION_FAILED -> "If-Match names a version that is no longer current: read again";
            case PAYLOAD_TOO_LARGE -> "The body is larger than 1 MB";
            case URI_TOO_LONG -> "The request line is longer than 8 KiB";
            case UNSUPPORTED_MEDIA_TYPE -> "The body is not application/json";
            case UNPROCESSABLE -> "The request cannot be applied as it stands, e.g. an Idempotency-Key reused with "
                    + "another body";
            case TOO_MANY_REQUESTS -> "Bodies from this client still being read hold its share of the buffer; send "
                    + "fewer at once";
            case HEADERS_TOO_LARGE -> "The headers together are larger than 16 KiB";
            case INTERNAL -> "An unexpected fault; quote the reference";
            case UNAVAILABLE -> "The service cannot serve now (its database is away, or it is reading as many bodies "
                    + "as it can hold); try again after Retry-After";
            default -> type.title();
        };
    }
}
