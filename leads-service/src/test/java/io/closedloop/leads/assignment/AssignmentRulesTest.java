package io.closedloop.leads.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import io.closedloop.events.lead.LeadSource;
import io.closedloop.platform.problem.FieldViolation;
import org.junit.jupiter.api.Test;

class AssignmentRulesTest {

    private static AssignmentRule rule(String id, AssignmentRule.Match match, String team) {
        return new AssignmentRule(id, id, match, new AssignmentRule.Target(team, null, null));
    }

    private static final AssignmentRules RULES = new AssignmentRules(List.of(
            rule("big-loans", new AssignmentRule.Match(null, null, Set.of("Business loan"),
                    new BigDecimal("100000"), null, "EUR"), "corporate"),
            rule("paris-referrals", new AssignmentRule.Match(Set.of(LeadSource.REFERRAL), Set.of("paris"), null, null, null, null), "paris"),
            rule("everything-else", null, "central")));

    private static AssignmentRule.LeadFacts lead(LeadSource source, String territory, String product, String value, String currency) {
        return new AssignmentRule.LeadFacts(source, territory, product, value == null ? null : new BigDecimal(value), currency);
    }

    @Test
    void the_first_matching_rule_routes_the_lead() {
        assertThat(RULES.firstMatch(lead(LeadSource.REFERRAL, "paris", "business LOAN", "250000", "EUR")).orElseThrow().id())
                .isEqualTo("big-loans");
        assertThat(RULES.firstMatch(lead(LeadSource.REFERRAL, "Paris", "Business loan", "50000", "EUR")).orElseThrow().id())
                .isEqualTo("paris-referrals");
        assertThat(RULES.firstMatch(lead(LeadSource.INBOUND, "paris", null, null, null)).orElseThrow().id())
                .isEqualTo("everything-else");
    }

    @Test
    void a_value_range_only_matches_leads_with_a_value_in_its_currency() {
        assertThat(RULES.firstMatch(lead(LeadSource.PARTNER, null, "Business loan", "250000", "USD")).orElseThrow().id())
                .isEqualTo("everything-else");
        assertThat(RULES.firstMatch(lead(LeadSource.PARTNER, null, "Business loan", null, null)).orElseThrow().id())
                .isEqualTo("everything-else");
    }

    @Test
    void a_rule_set_is_checked_as_a_whole() {
        AssignmentRules bad = new AssignmentRules(List.of(
                new AssignmentRule("a", "a", new AssignmentRule.Match(null, null, null, new BigDecimal("10"), new BigDecimal("5"), null),
                        new AssignmentRule.Target("t", "p", null)),
                rule("a", null, "t")));
        assertThat(bad.problems()).extracting(FieldViolation::field).containsExactlyInAnyOrder(
                "rules[0].target", "rules[0].match.maxValue", "rules[0].match.currency", "rules[1].id");
    }
}
