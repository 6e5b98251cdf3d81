package io.closedloop.platform.tx;

/**
 * Keeps PostgreSQL from planning the set-based statements afresh at every execution.
 *
 * <p>The hot paths pass their keys and rows as arrays ({@code = ANY (?)}, {@code unnest(?)}). For a prepared
 * statement PostgreSQL plans its first five executions with the actual arrays, then compares the cost of a generic
 * plan against theirs; a generic plan must assume ten elements per array where the actual ones hold one or two, so it
 * always looks ten times dearer and is never chosen — the statement is planned again at every execution. Measured at
 * 200 acknowledgments per second (BENCHMARKS.md, issue 18): leads-service's derived-rows statement spent 0.22–0.39 ms
 * of its 0.40–0.75 ms per execution in planning, and the three services together ~0.6 ms of PostgreSQL's ~3 ms per
 * acknowledgment. The generic plans of these statements are the same index lookups (checked with {@code EXPLAIN}: a
 * nested loop over the array into the key's index), so the transactions that run them ask for the generic plan.
 *
 * <p>{@code SET LOCAL} lasts until the transaction ends and only for it. It travels in the same round trip as the
 * statement it is joined to (pgjdbc sends the statements of one string together, with one sync), so it costs no round
 * trip. Only transactions made of key lookups and set-based writes use it: a query with ranges or optional filters
 * (reports, dashboards) keeps PostgreSQL's choice.
 */
public final class GenericPlans {

    /** The statement to join, before or after, to a statement of such a transaction. */
    public static final String FOR_THIS_TRANSACTION = "SET LOCAL plan_cache_mode = force_generic_plan";

    private GenericPlans() {
    }

    /** {@code sql} preceded by the setting, in one string: one round trip. */
    public static String before(String sql) {
        return FOR_THIS_TRANSACTION + ";\n" + sql;
    }

    /** {@code sql} followed by the setting, in one string, so that {@code sql}'s result comes first: one round trip. */
    public static String after(String sql) {
        return sql + ";\n" + FOR_THIS_TRANSACTION;
    }
}
