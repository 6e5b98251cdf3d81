package io.closedloop.platform.security;

import java.security.Principal;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A caller is the token's subject ({@code sub}) and nothing else. smallrye-jwt names the principal after {@code upn} or
 * {@code preferred_username} when a token carries them, so a token with {@code sub=a, upn=b} would act as b; here the
 * principal becomes the subject, and a token without a usable subject is not an identity at all (401).
 */
@ApplicationScoped
public class SubjectIdentity implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String subject = subjectOf(token.getSubject());
        if (subject == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("The token has no usable subject (sub)"));
        }
        if (subject.equals(identity.getPrincipal().getName())) {
            return Uni.createFrom().item(identity);
        }
        Principal principal = new SubjectPrincipal(subject, token);
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).setPrincipal(principal).build());
    }

    /** The subject when it can name a person: present, not blank, no surrounding or control characters. */
    static String subjectOf(String sub) {
        if (sub == null || sub.isBlank() || !sub.equals(sub.strip())) {
            return null;
        }
        for (int i = 0; i < sub.length(); i++) {
            if (Character.isISOControl(sub.charAt(i)) || Character.getType(sub.charAt(i)) == Character.FORMAT) {
                return null;
            }
        }
        return sub;
    }

    /** The token, named by its subject. */
    public record SubjectPrincipal(String name, JsonWebToken token) implements Principal {

        @Override
        public String getName() {
            return name;
        }
    }
}
