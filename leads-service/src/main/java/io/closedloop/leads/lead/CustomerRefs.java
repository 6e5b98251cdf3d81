package io.closedloop.leads.lead;

import java.util.Locale;

/**
 * The customer reference other services know a customer by: the caller's own reference when given, else the
 * e-mail address, else the phone number, normalised so that the same customer gets the same reference.
 */
public final class CustomerRefs {

    private CustomerRefs() {
    }

    public static String of(String givenRef, String email, String phone) {
        if (givenRef != null && !givenRef.isBlank()) {
            return "ref:" + givenRef.strip();
        }
        if (email != null && !email.isBlank()) {
            return "email:" + normaliseEmail(email);
        }
        if (phone != null && !phone.isBlank()) {
            return "phone:" + normalisePhone(phone);
        }
        throw new IllegalArgumentException("A customer needs a reference, an e-mail address or a phone number");
    }

    public static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** Keeps a leading + and the digits: "+33 (0)6 12-34" and "+33061234" are the same number. */
    public static String normalisePhone(String phone) {
        String stripped = phone.strip();
        StringBuilder out = new StringBuilder(stripped.length());
        if (stripped.startsWith("+")) {
            out.append('+');
        }
        for (char c : stripped.toCharArray()) {
            if (c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
