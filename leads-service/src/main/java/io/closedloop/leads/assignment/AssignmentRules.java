package io.closedloop.leads.assignment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.closedloop.platform.problem.FieldViolation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The ordered rule list; the first rule that matches a lead routes it. */
public record AssignmentRules(@NotNull List<@NotNull @Valid AssignmentRule> rules) {

    public static final AssignmentRules NONE = new AssignmentRules(List.of());

    public AssignmentRules {
        // A missing list stays missing, so that validation refuses it: PUT {} must not quietly delete every rule.
        // Null elements stay too, for validation to name them.
        rules = rules == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(rules));
    }

    public Optional<AssignmentRule> firstMatch(AssignmentRule.LeadFacts lead) {
        return rules.stream().filter(r -> r.matches(lead)).findFirst();
    }

    /** What is wrong beyond each field's own constraints (team and person existence is checked by the caller). */
    public List<FieldViolation> problems() {
        List<FieldViolation> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            AssignmentRule rule = rules.get(i);
            String at = "rules[" + i + "]";
            if (!ids.add(rule.id())) {
                problems.add(new FieldViolation(at + ".id", "'" + rule.id() + "' is used twice"));
            }
            AssignmentRule.Target target = rule.target();
            if ((target.teamId() == null) == (target.personId() == null)) {
                problems.add(new FieldViolation(at + ".target", "name exactly one of teamId and personId"));
            }
            AssignmentRule.Match match = rule.match();
            if (match != null && match.minValue() != null && match.maxValue() != null
                    && match.minValue().compareTo(match.maxValue()) >= 0) {
                problems.add(new FieldViolation(at + ".match.maxValue", "must be greater than minValue"));
            }
            if (match != null && (match.minValue() != null || match.maxValue() != null) && match.currency() == null) {
                problems.add(new FieldViolation(at + ".match.currency", "is required with a value range"));
            }
        }
        return problems;
    }
}
