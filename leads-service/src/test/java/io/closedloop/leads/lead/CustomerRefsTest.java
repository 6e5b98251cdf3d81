package io.closedloop.leads.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CustomerRefsTest {

    @Test
    void the_callers_reference_wins_then_the_email_then_the_phone() {
        assertThat(CustomerRefs.of(" CRM-1 ", "a@b.c", "+33 1")).isEqualTo("ref:CRM-1");
        assertThat(CustomerRefs.of(null, " Ann@Example.COM ", "+33 1")).isEqualTo("email:ann@example.com");
        assertThat(CustomerRefs.of("", null, "+33 (0)6 12-34.56")).isEqualTo("phone:+330612345" + "6");
        assertThatThrownBy(() -> CustomerRefs.of(null, " ", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_same_number_written_differently_is_the_same_customer() {
        assertThat(CustomerRefs.normalisePhone("06 12 34 56 78")).isEqualTo(CustomerRefs.normalisePhone("06-12-34-56-78"));
        assertThat(CustomerRefs.normalisePhone("+44 20 7946 0958")).isEqualTo("+442079460958");
    }
}
