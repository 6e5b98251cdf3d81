package io.closedloop.platform.problem;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Every query parameter is one the operation takes, with a value of its type: {@code ?status=assigned},
 * {@code ?limit=abc} or {@code ?colour=red} answer 400 naming the parameter and what it accepts — never 404 (which
 * JAX-RS answers for a query value it cannot convert) and never silently ignored. A single-valued parameter given twice
 * is refused too. What else a value must be (a pattern, a range) is the operation's own validation.
 */
@Provider
public class StrictQueries implements ContainerRequestFilter {

    /** What one declared parameter accepts. */
    record Accepts(String name, Function<String, String> problem, boolean many) {
    }

    private static final Map<Method, Map<String, Accepts>> DECLARED = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Map<String, Accepts> declared = DECLARED.computeIfAbsent(method, StrictQueries::declared);
        List<FieldViolation> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> given : request.getUriInfo().getQueryParameters(true).entrySet()) {
            Accepts accepts = declared.get(given.getKey());
            if (accepts == null) {
                problems.add(new FieldViolation(given.getKey(), declared.isEmpty() ? "is not a parameter of this operation, "
                        + "which takes none" : "is not a parameter of this operation; it takes " + String.join(", ",
                        new TreeSet<>(declared.keySet()))));
                continue;
            }
            if (!accepts.many() && given.getValue().size() > 1) {
                problems.add(new FieldViolation(given.getKey(), "is given " + given.getValue().size() + " times; give it once"));
                continue;
            }
            for (String value : given.getValue()) {
                String problem = accepts.problem().apply(value);
                if (problem != null) {
                    problems.add(new FieldViolation(given.getKey(), problem));
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }

    static Map<String, Accepts> declared(Method method) {
        Map<String, Accepts> declared = new LinkedHashMap<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                boolean many = Collection.class.isAssignableFrom(parameter.getType());
                Type item = many && parameter.getParameterizedType() instanceof ParameterizedType p
                        ? p.getActualTypeArguments()[0] : parameter.getType();
                declared.put(query.value(), new Accepts(query.value(), checker((Class<?>) item), many));
            }
        }
        return declared;
    }

    /** What is wrong with a value for a parameter of this type, or null. */
    static Function<String, String> checker(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return value -> value.matches("-?\\d{1,18}") && fits(type, value) ? null : "must be a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return value -> value.equals("true") || value.equals("false") ? null : "must be true or false";
        }
        if (type.isEnum()) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            return value -> names.contains(value) ? null : "must be one of " + String.join(", ", names);
        }
        if (type == UUID.class) {
            return value -> value.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
                    ? null : "must be a UUID, e.g. 3f2b6c1e-8d4a-4c55-9f0e-1a2b3c4d5e6f";
        }
        if (type == Instant.class) {
            return temporal(Instant::parse, "an ISO-8601 timestamp with offset, e.g. 2026-03-01T09:30:00Z");
        }
        if (type == LocalDate.class) {
            return temporal(LocalDate::parse, "an ISO-8601 date, e.g. 2026-03-01");
        }
        if (type == YearMonth.class) {
            return temporal(YearMonth::parse, "an ISO-8601 month, e.g. 2026-03");
        }
        return value -> null;
    }

    private static boolean fits(Class<?> type, String value) {
        long number = Long.parseLong(value);
        return type == long.class || type == Long.class || (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE);
    }

    private static Function<String, String> temporal(Function<String, Temporal> parse, String what) {
        return value -> {
            try {
                return Years.inRange(parse.apply(value)) ? null
                        : "must lie between the years " + Years.FIRST + " and " + Years.LAST;
            } catch (DateTimeParseException e) {
                return "must be " + what;
            }
        };
    }
}
