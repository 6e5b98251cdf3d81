package io.closedloop.leads.lead;

import io.closedloop.platform.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** An illegal move in the lead lifecycle is a conflict with the lead's state: 409, saying why. */
public class LifecycleProblems {

    private final io.closedloop.platform.problem.ProblemMappers problems;

    LifecycleProblems(io.closedloop.platform.problem.ProblemMappers problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response illegalTransition(LeadLifecycle.IllegalTransition e, UriInfo uri) {
        return problems.problem(ProblemException.conflict(e.getMessage()), uri);
    }
}
