package io.closedloop.platform.problem;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.Provider;

/**
 * No query or path parameter may carry the NUL character. PostgreSQL cannot hold it in text, so a filter such as
 * {@code ?customerRef=%00} would otherwise fail the query with a server error; refusing it here covers every
 * parameter of every service, whatever its own validation says.
 */
@Provider
public class NoNulInParameters implements ContainerRequestFilter {

    private static final String MESSAGE = "must not contain the NUL character (U+0000)";

    @Override
    public void filter(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(true).entrySet()) {
            if (parameter.getKey().indexOf('\u0000') >= 0) {
                throw ProblemException.invalid("query", "parameter names " + MESSAGE);
            }
            for (String value : parameter.getValue()) {
                if (value.indexOf('\u0000') >= 0) {
                    throw ProblemException.invalid(parameter.getKey(), MESSAGE);
                }
            }
        }
        for (PathSegment segment : request.getUriInfo().getPathSegments(true)) {
            if (segment.getPath().indexOf('\u0000') >= 0) {
                throw ProblemException.invalid("path", MESSAGE);
            }
        }
    }
}
