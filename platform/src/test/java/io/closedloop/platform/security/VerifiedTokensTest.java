package io.closedloop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    /** A verifier that records what it was asked and accepts "valid-…" tokens, expiring at the number after the dash. */
    private final List<String> asked = new ArrayList<>();
    private final JWTParser verifier = (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {JWTParser.class}, (proxy, method, args) -> {
                String token = (String) args[0];
                asked.add(token);
                if (!token.startsWith("valid-")) {
                    throw new ParseException("bad signature");
                }
                return jwt(Long.parseLong(token.substring(token.lastIndexOf('-') + 1)));
            });
    private final VerifiedTokens tokens = new VerifiedTokens(verifier);
    private final long inAnHour = System.currentTimeMillis() / 1000 + 3600;

    @Test
    void a_token_is_verified_once_while_it_is_valid() throws Exception {
        String token = "valid-a-" + inAnHour;
        JsonWebToken first = tokens.parse(token);
        JsonWebToken second = tokens.parse(token);
        assertThat(second).isSameAs(first);
        assertThat(asked).containsExactly(token);
    }

    @Test
    void a_token_that_fails_is_never_kept() {
        assertThatThrownBy(() -> tokens.parse("forged")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse("forged")).isInstanceOf(ParseException.class);
        assertThat(asked).containsExactly("forged", "forged");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void an_expired_token_is_verified_again_and_not_kept() throws Exception {
        String expired = "valid-b-" + (System.currentTimeMillis() / 1000 - 1);
        tokens.parse(expired);
        tokens.parse(expired);
        assertThat(asked).containsExactly(expired, expired);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void the_cache_never_holds_more_than_its_bound() throws Exception {
        for (int i = 0; i <= VerifiedTokens.MAX_TOKENS; i++) {
            tokens.parse("valid-" + i + "-" + inAnHour);
        }
        assertThat(tokens.size()).isBetween(1, VerifiedTokens.MAX_TOKENS);
    }

    private static JsonWebToken jwt(long exp) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "someone";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return claimName.equals("exp") ? (T) Long.valueOf(exp) : null;
            }
        };
    }
}
