package io.closedloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** pgbench with prepared statements reads every {@code :word} as a variable, inside string literals too. */
class PgbenchScriptTest {

    @Test
    void a_colon_inside_a_literal_becomes_chr_58_and_the_literal_keeps_its_casts() {
        assertThat(IntakeBench.literalColons("SELECT '{\"late\":false}'::jsonb, 'plain';"))
                .isEqualTo("SELECT ('{\"late\"' || chr(58) || 'false}')::jsonb, 'plain';");
    }

    @Test
    void variables_and_casts_outside_literals_are_left_for_pgbench() {
        String sql = "SELECT 'lead-contact:replay-' || :client_id::text || '-' || :n::text;";
        assertThat(IntakeBench.literalColons(sql))
                .isEqualTo("SELECT ('lead-contact' || chr(58) || 'replay-') || :client_id::text || '-' || :n::text;");
    }

    @Test
    void a_timestamp_in_an_array_literal_keeps_every_colon() {
        assertThat(IntakeBench.literalColons("ARRAY['06:36:01Z']"))
                .isEqualTo("ARRAY[('06' || chr(58) || '36' || chr(58) || '01Z')]");
    }
}
