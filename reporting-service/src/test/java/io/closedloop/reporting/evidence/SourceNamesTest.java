package io.closedloop.reporting.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SourceNamesTest {

    private static final SourceNames.Bindings BINDINGS = SourceNames.Bindings.parse(List.of(
            "pbx:telephony|Calendar", " geo-app : geo ", "pbx:crm"));

    @Test
    void one_source_however_it_is_spelled() {
        assertThat(SourceNames.normalise("telephony")).contains("telephony");
        assertThat(SourceNames.normalise("Telephony ")).contains("telephony");
        assertThat(SourceNames.normalise(" TELEPHONY\t")).contains("telephony");
        assertThat(SourceNames.normalise("tele\u200Bphony")).contains("telephony");
        assertThat(SourceNames.normalise("\uFEFFtelephony\u2060")).contains("telephony");
        // Full-width letters are compatibility forms of the plain ones.
        assertThat(SourceNames.normalise("\uFF54elephony")).contains("telephony");
    }

    @Test
    void what_no_plain_token_can_stand_for_is_no_source_name() {
        assertThat(SourceNames.normalise("")).isEmpty();
        assertThat(SourceNames.normalise("   ")).isEmpty();
        assertThat(SourceNames.normalise("two words")).isEmpty();
        assertThat(SourceNames.normalise("-leading-dash")).isEmpty();
        // A Cyrillic 'е' looks like a Latin 'e': refused, not compared.
        assertThat(SourceNames.normalise("l\u0435ads-service")).isEmpty();
        assertThat(SourceNames.normalise(null)).isEmpty();
    }

    @Test
    void the_services_names_are_reserved_in_every_spelling() {
        for (String name : List.of("leads-service", "Leads-Service", "leads-service ", "leads\u200B-service",
                "FEEDBACK-SERVICE", "reporting-service", "closedloop-anything")) {
            assertThat(SourceNames.refusal(name, BINDINGS, "pbx")).as(name).hasValueSatisfying(reason ->
                    assertThat(reason).contains("reserved"));
        }
    }

    @Test
    void an_integrator_files_evidence_only_under_the_names_bound_to_it() {
        assertThat(SourceNames.refusal("Telephony", BINDINGS, "pbx")).isEmpty();
        assertThat(SourceNames.refusal("calendar", BINDINGS, "pbx")).isEmpty();
        assertThat(SourceNames.refusal("crm", BINDINGS, "pbx")).isEmpty();
        assertThat(SourceNames.refusal("geo", BINDINGS, "geo-app")).isEmpty();
        assertThat(SourceNames.refusal("geo", BINDINGS, "pbx")).contains(
                "'geo' is not a source integrator 'pbx' may post (it is bound to calendar, crm, telephony; "
                        + "see closedloop.reporting.evidence.bindings)");
        assertThat(SourceNames.refusal("telephony", BINDINGS, "someone")).hasValueSatisfying(reason ->
                assertThat(reason).contains("it is bound to none"));
        assertThat(SourceNames.refusal("telephony", SourceNames.Bindings.NONE, "pbx")).isPresent();
    }

    @Test
    void bindings_that_cannot_be_honoured_stop_the_service_at_start() {
        assertThatThrownBy(() -> SourceNames.Bindings.parse(List.of("pbx"))).hasMessageContaining("identity:source");
        assertThatThrownBy(() -> SourceNames.Bindings.parse(List.of("pbx:leads-service")))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> SourceNames.Bindings.parse(List.of("pbx:two words")))
                .hasMessageContaining("Not a source name");
        assertThat(SourceNames.Bindings.parse(List.of("", " ")).sourcesByIntegrator()).isEmpty();
    }
}
