package io.closedloop.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Mints RS256 tokens signed with the development key, as an OIDC provider would: subject = person id, {@code groups}
 * = roles. For the local run and the tests only; deployed services do not trust this key.
 */
public final class DevTokens {

    public static final String ISSUER = "https://closedloop.local/dev";
    /** The audience the services check ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "closedloop";
    /** The longest lifetime the services accept ({@code JWT_MAX_LIFETIME_SECONDS}'s default). */
    public static final Duration MAX_LIFETIME = Duration.ofHours(12);
    public static final Set<String> ROLES = Set.of("referrer", "agent", "manager", "admin", "integrator");
    private static final Pattern PERSON_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrivateKey KEY = loadKey();

    private DevTokens() {
    }

    public static String mint(String personId, String... roles) {
        return mint(personId, Duration.ofHours(12), roles);
    }

    public static String mint(String personId, Duration lifetime, String... roles) {
        if (!PERSON_ID.matcher(personId).matches()) {
            throw new IllegalArgumentException("A person id is 1-64 letters, digits and . _ @ -: " + personId);
        }
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("Unknown role '" + role + "'; roles are " + ROLES);
            }
        }
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", personId);
        claims.put("upn", personId);
        claims.put("aud", AUDIENCE);
        claims.put("groups", List.of(roles));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return sign(claims);
    }

    /** Signs arbitrary claims with the development key, e.g. to test expired or foreign-issuer tokens. */
    public static String sign(Map<String, Object> claims) {
        return sign(claims, KEY);
    }

    /** A well-formed token signed by a key nobody trusts. */
    public static String forge(String personId, String... roles) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", ISSUER);
            claims.put("sub", personId);
            claims.put("upn", personId);
            claims.put("aud", AUDIENCE);
            claims.put("groups", List.of(roles));
            claims.put("iat", Instant.now().getEpochSecond());
            claims.put("exp", Instant.now().plusSeconds(3600).getEpochSecond());
            return sign(claims, generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(Map<String, Object> claims, PrivateKey key) {
        try {
            String header = base64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String payload = base64(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + base64(signature.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a development token", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PrivateKey loadKey() {
        try (InputStream in = DevTokens.class.getResourceAsStream("/dev-keys/jwt-private.pem")) {
            if (in == null) {
                throw new IllegalStateException("dev-keys/jwt-private.pem is missing from the classpath");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The development key cannot be read", e);
        }
    }
}
