package io.closedloop.feedback.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_0123456789abcdef";
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void a_receiver_verifies_what_was_signed() {
        String header = WebhookSignature.header(SECRET, T, "{\"a\":1}");
        assertThat(header).startsWith("t=" + T.getEpochSecond() + ",v1=");
        assertThat(WebhookSignature.verify(SECRET, header, "{\"a\":1}", T.plusSeconds(30), FIVE_MINUTES)).isTrue();
    }

    @Test
    void a_tampered_body_another_secret_or_a_replay_is_rejected() {
        String header = WebhookSignature.header(SECRET, T, "{\"a\":1}");
        assertThat(WebhookSignature.verify(SECRET, header, "{\"a\":2}", T, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify("whsec_another_secret!", header, "{\"a\":1}", T, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, "{\"a\":1}", T.plus(Duration.ofMinutes(6)), FIVE_MINUTES)).isFalse();
        String forgedTime = header.replace("t=" + T.getEpochSecond(), "t=" + T.plusSeconds(600).getEpochSecond());
        assertThat(WebhookSignature.verify(SECRET, forgedTime, "{\"a\":1}", T.plusSeconds(600), FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "garbage", "{\"a\":1}", T, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, "{\"a\":1}", T, FIVE_MINUTES)).isFalse();
    }

    @Test
    void the_mac_is_the_standard_hmac_sha256_in_hex() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(WebhookSignature.hmac("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
