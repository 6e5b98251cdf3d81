package io.closedloop.platform.problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} answer: a precise message, each bad field
 * named, never a stack trace. Bad input is always a 4xx; only a fault of the service itself is a 500, logged with
 * a reference the client can quote.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    ObjectMapper json;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        boolean returnValue = e.getConstraintViolations().stream()
                .anyMatch(v -> kinds(v.getPropertyPath()).contains(ElementKind.RETURN_VALUE));
        if (returnValue) {
            return internal(e, uri);
        }
        List<FieldViolation> violations = e.getConstraintViolations().stream()
                .map(v -> new FieldViolation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message))
                .distinct()
                .toList();
        return respond(ProblemException.invalid(violations).problem(), uri);
    }

    @ServerExceptionMapper
    public Response unreadable(MismatchedInputException e, UriInfo uri) {
        return respond(unreadableBody(e), uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonMappingException e, UriInfo uri) {
        return respond(unreadableBody(e), uri);
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e, UriInfo uri) {
        return respond(malformedBody(e), uri);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        return respond(malformedBody(e), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException mapping) {
            return respond(unreadableBody(mapping), uri);
        }
        if (cause instanceof JsonProcessingException parse) {
            return respond(malformedBody(parse), uri);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, uri);
        }
        ProblemType type = Arrays.stream(ProblemType.values()).filter(t -> t.status() == status).findFirst()
                .orElse(ProblemType.VALIDATION);
        String detail = switch (status) {
            case 404 -> "No resource at " + uri.getPath();
            case 405 -> "This resource does not support that method";
            case 406 -> "This resource answers application/json";
            case 415 -> "Send the body as application/json";
            default -> e.getMessage();
        };
        Problem problem = new Problem(type.uri(), type.title(), status, detail, null, null, null);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE).entity(write(problem.withInstance(uri.getPath())));
        if (status == 405 && e.getResponse() != null && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            builder.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return builder.build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        Problem problem = Problem.of(ProblemType.UNAUTHENTICATED,
                "Send a valid, unexpired bearer token in the Authorization header").withInstance(uri.getPath());
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(write(problem)).build();
    }

    /** A request sent again with its Idempotency-Key: the first answer, as it was. */
    @ServerExceptionMapper
    public Response replay(io.closedloop.platform.idempotency.IdempotentReplay replay) {
        var answer = replay.answer();
        Response.ResponseBuilder response = Response.status(answer.status()).header("Idempotency-Replayed", "true");
        if (answer.location() != null) {
            response.header(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.body() != null) {
            response.type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON).entity(answer.body());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "Your role does not allow this operation"), uri);
    }

    /** Two requests changed the same thing at once; the loser may simply retry. */
    @ServerExceptionMapper({jakarta.persistence.OptimisticLockException.class, org.hibernate.StaleStateException.class})
    public Response concurrent(RuntimeException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.CONFLICT,
                "Someone changed this at the same moment; read it again and retry"), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String state = sqlState(e);
        if ("23505".equals(state)) {
            // A check-then-insert two requests ran at once: the loser is told, never a 500.
            return respond(Problem.of(ProblemType.CONFLICT,
                    "Another request wrote the same thing at the same moment; read it again and retry"), uri);
        }
        if ("40001".equals(state) || "40P01".equals(state)) {
            return respond(Problem.of(ProblemType.CONFLICT,
                    "Someone changed this at the same moment; read it again and retry"), uri);
        }
        return internal(e, uri);
    }

    private static String sqlState(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private Response internal(Throwable e, UriInfo uri) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure answering %s (reference %s)", uri.getPath(), reference);
        return respond(Problem.of(ProblemType.INTERNAL, "Something went wrong on our side; quote reference "
                + reference + " when you report it").with("reference", reference), uri);
    }

    private Response respond(Problem problem, UriInfo uri) {
        Problem withInstance = problem.instance() == null ? problem.withInstance(uri.getPath()) : problem;
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(write(withInstance)).build();
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Problem unreadableBody(JsonMappingException e) {
        String field = pathOf(e);
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            field = field.isEmpty() ? unknown.getPropertyName() : field;
            message = "is not a known field";
        } else if (e instanceof StrictJson.InvalidText || e instanceof StrictJson.TooMany) {
            message = e.getOriginalMessage();
        } else if (e instanceof InvalidFormatException format) {
            message = describeExpected(format.getTargetType(), format.getValue());
        } else if (e instanceof ValueInstantiationException instantiation) {
            Throwable cause = instantiation.getCause() == null ? instantiation : instantiation.getCause();
            message = cause.getMessage() == null ? "is not valid" : cause.getMessage();
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            message = describeExpected(mismatch.getTargetType(), null);
        } else {
            message = "is not valid";
        }
        if (field.isEmpty()) {
            return Problem.of(ProblemType.MALFORMED, "The body is not the JSON object this operation expects");
        }
        return ProblemException.invalid(List.of(new FieldViolation(field, message))).problem();
    }

    static Problem malformedBody(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return Problem.of(ProblemType.MALFORMED, "The body is not well-formed JSON" + where + ": "
                + firstLine(e.getOriginalMessage()));
    }

    private static String describeExpected(Class<?> target, Object value) {
        String shown = value == null ? "" : "'" + abbreviate(String.valueOf(value)) + "' ";
        if (target == null) {
            return shown + "is not valid";
        }
        if (target.isEnum()) {
            String allowed = Arrays.stream(target.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
            return shown + "must be one of " + allowed;
        }
        String name = target.getSimpleName().toLowerCase(Locale.ROOT);
        return shown + switch (name) {
            case "int", "integer", "long", "short" -> "must be a whole number";
            case "double", "float", "bigdecimal" -> "must be a number";
            case "boolean" -> "must be true or false";
            case "string" -> "must be a string";
            case "instant", "offsetdatetime", "zoneddatetime" -> "must be an RFC 3339 date-time, e.g. 2026-01-31T09:00:00Z";
            case "localdate" -> "must be a date, e.g. 2026-01-31";
            case "localtime" -> "must be a time of day, e.g. 09:00";
            case "uuid" -> "must be a UUID";
            case "duration" -> "must be an ISO-8601 duration, e.g. PT15M";
            case "zoneid" -> "must be a time-zone id, e.g. Europe/Paris";
            default -> target.isArray() || java.util.Collection.class.isAssignableFrom(target)
                    ? "must be an array" : "must be a JSON object";
        };
    }

    private static String pathOf(JsonMappingException e) {
        if (e instanceof StrictJson.TooMany tooMany) {
            return tooMany.field();
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** {@code create.body.customer.email} becomes {@code customer.email}; a query parameter keeps its name. */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean beanParameter = node.getKind() == ElementKind.PARAMETER && i < nodes.size() - 1;
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR || beanParameter) {
                continue;
            }
            String name = node.getName() == null ? "" : node.getName();
            if (node.getIndex() != null && !parts.isEmpty()) {
                int last = parts.size() - 1;
                parts.set(last, parts.get(last) + "[" + node.getIndex() + "]");
            } else if (node.getKey() != null && !parts.isEmpty()) {
                int last = parts.size() - 1;
                parts.set(last, parts.get(last) + "[" + node.getKey() + "]");
            }
            if (!name.isEmpty() && !name.startsWith("<")) {
                parts.add(name);
            }
        }
        return parts.isEmpty() ? "body" : String.join(".", parts);
    }

    private static List<ElementKind> kinds(Path path) {
        List<ElementKind> kinds = new ArrayList<>();
        path.forEach(n -> kinds.add(n.getKind()));
        return kinds;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int newline = s.indexOf('\n');
        return abbreviate(newline < 0 ? s : s.substring(0, newline));
    }
}
