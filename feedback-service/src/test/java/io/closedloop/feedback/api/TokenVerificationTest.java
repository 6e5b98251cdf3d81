package io.closedloop.feedback.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.closedloop.platform.security.VerifiedTokens;
import io.closedloop.stack.DevTokens;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Bearer tokens go through the platform's parser, which verifies each token once; a forged one is still refused. */
@QuarkusTest
class TokenVerificationTest {

    @Inject
    JWTParser parser;

    @Test
    void tokens_are_verified_by_the_platform_parser_and_a_forged_one_is_refused_even_after_the_real_one() {
        assertThat(ClientProxy.unwrap(parser)).isInstanceOf(VerifiedTokens.class);
        String token = DevTokens.mint("tv-agent", "agent");
        given().auth().oauth2(token).get("/inbox").then().statusCode(200);
        given().auth().oauth2(token).get("/inbox").then().statusCode(200);
        // The same claims, another signature: not the token that was verified.
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(forged).get("/inbox").then().statusCode(401);
    }
}
