package io.closedloop.platform.security;

/** The groups a token may carry. The token's subject is the person id. */
public final class Roles {

    /** Passes leads and instructions on; sees only what they passed on, read-only. */
    public static final String REFERRER = "referrer";
    /** Works leads: their own and their team's unassigned queue. */
    public static final String AGENT = "agent";
    /** Assigns, reassigns and watches their team. */
    public static final String MANAGER = "manager";
    /** Sees and does everything. */
    public static final String ADMIN = "admin";
    /** A system of record (telephony, calendar, CRM) sending evidence and outcomes; no person behind it. */
    public static final String INTEGRATOR = "integrator";

    private Roles() {
    }
}
