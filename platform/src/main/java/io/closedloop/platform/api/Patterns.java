package io.closedloop.platform.api;

/** Formats every service's API accepts in the same way. */
public final class Patterns {

    /** A person id, as the token subject carries it: 1-64 letters, digits and . _ @ - (starting alphanumeric). */
    public static final String PERSON_ID = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";
    public static final String PERSON_ID_MESSAGE = "must be a person id: 1-64 letters, digits and . _ @ -";

    /** A team id: same alphabet as a person id. */
    public static final String TEAM_ID = PERSON_ID;

    /** An ISO 4217 currency code. */
    public static final String CURRENCY = "[A-Z]{3}";

    /** A phone number as people type it: digits, spaces and + ( ) . - between 6 and 30 characters. */
    public static final String PHONE = "\\+?[0-9 ().-]{6,30}";

    /** A customer reference as the services exchange it: {@code ref:…}, {@code email:…} or {@code phone:…}. */
    public static final String CUSTOMER_REF = "(ref|email|phone):[^\\s]{1,254}";
    public static final String CUSTOMER_REF_MESSAGE = "must be a customer reference such as email:ann@example.com";

    private Patterns() {
    }
}
