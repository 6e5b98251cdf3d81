package io.closedloop.leads.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.agroal.api.AgroalDataSource;
import io.closedloop.stack.testing.UnanalysedCopy;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The duplicate check runs at every intake, so what it reads must not grow with the number of leads — and must not
 * depend on the table's statistics either: a lead table under 100,000 changes has none (V5), and the planner then
 * walked every lead by age to find that no open lead had the contact.
 */
@QuarkusTest
class DuplicateLookupPlanTest {

    private static final int LEADS = 20_000;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void the_duplicate_check_reads_a_few_pages_among_many_leads_with_no_statistics() throws Exception {
        try (Connection c = dataSource.getConnection(); UnanalysedCopy leads = new UnanalysedCopy(c, "lead")) {
            leads.fill("""
                    INSERT INTO lead (id, version, status, source, customer_name, email, phone_key, customer_ref,
                                      created_by, created_at, updated_at)
                    SELECT gen_random_uuid(), 0, CASE WHEN g % 10 = 0 THEN 'WON' ELSE 'NEW' END, 'INBOUND', 'Customer',
                           'customer-' || g || '@example.com', '+4420' || g, 'email:customer-' || g || '@example.com',
                           'test', now() - g * interval '1 second', now()
                    FROM generate_series(1, """ + LEADS + ") g");

            assertThat(pagesRead(c, "nobody@example.com", "+449999")).as("no open lead with either contact").isLessThanOrEqualTo(12);
            assertThat(pagesRead(c, "nobody@example.com", null)).as("e-mail only, no match").isLessThanOrEqualTo(12);
            assertThat(pagesRead(c, null, "+449999")).as("phone only, no match").isLessThanOrEqualTo(12);
            assertThat(pagesRead(c, "customer-12345@example.com", "+449999")).as("the e-mail matches").isLessThanOrEqualTo(12);
            assertThat(pagesRead(c, "nobody@example.com", "+442012345")).as("the phone matches").isLessThanOrEqualTo(12);
            // The plan PostgreSQL may keep after a few intakes, made once for any contact.
            assertThat(UnanalysedCopy.pagesTouched(leads.genericPlan(LeadIntake.OLDEST_OPEN_LEAD_WITH_CONTACT, "text, text",
                    "'nobody@example.com'", "'+449999'"))).as("generic plan, no match").isLessThanOrEqualTo(12);
            assertThat(UnanalysedCopy.pagesTouched(leads.genericPlan(LeadIntake.OLDEST_OPEN_LEAD_WITH_CONTACT, "text, text",
                    "'nobody@example.com'", "NULL"))).as("generic plan, e-mail only").isLessThanOrEqualTo(12);

            assertThat(oldest(c, "customer-12345@example.com", "+44207")).as("the older of two matches")
                    .isEqualTo("customer-12345@example.com");
            assertThat(oldest(c, "customer-7@example.com", "+4420123")).isEqualTo("customer-123@example.com");
            assertThat(oldest(c, "customer-20@example.com", null)).as("a won lead is not a duplicate").isNull();
        }
    }

    private static long pagesRead(Connection c, String email, String phone) throws SQLException {
        try (PreparedStatement explain = c.prepareStatement(
                "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + LeadIntake.OLDEST_OPEN_LEAD_WITH_CONTACT)) {
            explain.setString(1, email);
            explain.setString(2, phone);
            try (ResultSet rs = explain.executeQuery()) {
                return UnanalysedCopy.pagesTouched(UnanalysedCopy.executedPlan(rs));
            }
        }
    }

    private static String oldest(Connection c, String email, String phone) throws SQLException {
        try (PreparedStatement lookup = c.prepareStatement(LeadIntake.OLDEST_OPEN_LEAD_WITH_CONTACT)) {
            lookup.setString(1, email);
            lookup.setString(2, phone);
            try (ResultSet rs = lookup.executeQuery()) {
                return rs.next() ? rs.getString(2) : null;
            }
        }
    }
}
