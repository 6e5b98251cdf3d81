package io.closedloop.events;

/**
 * Default topic names. One topic per producing service, plus the inbound {@link #EVIDENCE} topic that integrators
 * write to. Deployments may rename them through configuration; these are the names in every shipped manifest.
 */
public final class Topics {

    public static final String LEADS = "leads.events";
    public static final String FEEDBACK = "feedback.events";
    public static final String REPORTING = "reporting.events";
    public static final String EVIDENCE = "evidence";

    private Topics() {
    }

    /** Where a consuming service parks records it cannot process: {@code <service>.dlq}. */
    public static String deadLetters(String consumingService) {
        return consumingService + ".dlq";
    }
}
