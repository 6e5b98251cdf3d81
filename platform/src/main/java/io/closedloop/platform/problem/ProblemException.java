package io.closedloop.platform.problem;

import java.util.List;

/**
 * Thrown by domain and resource code to answer with a problem. The factories name the usual cases; an unknown id
 * and an object the caller may not see both answer {@link #notFound}, so nobody learns what exists by probing.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(Problem.of(ProblemType.NOT_FOUND, "No " + what + " " + id));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(ProblemType.CONFLICT, detail));
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(ProblemType.VALIDATION, field + ": " + message)
                .withErrors(List.of(new FieldViolation(field, message))));
    }

    public static ProblemException invalid(List<FieldViolation> violations) {
        return new ProblemException(Problem.of(ProblemType.VALIDATION, violations.size() == 1
                ? violations.getFirst().field() + ": " + violations.getFirst().message()
                : violations.size() + " fields are invalid").withErrors(violations));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(ProblemType.FORBIDDEN, detail));
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(Problem.of(ProblemType.UNPROCESSABLE, detail));
    }
}
