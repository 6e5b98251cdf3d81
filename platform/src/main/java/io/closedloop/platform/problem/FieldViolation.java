package io.closedloop.platform.problem;

/** One bad field of a request: where it is (a JSON path such as {@code customer.email}) and what is wrong. */
public record FieldViolation(String field, String message) {
}
