package io.closedloop.platform.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The caller of the current request, for resources (which are singletons) to ask per request. The person id is the
 * token's subject alone (see {@link SubjectIdentity}).
 */
@ApplicationScoped
public class CurrentCaller {

    private final SecurityIdentity identity;

    CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        return new Caller(identity.getPrincipal().getName(), identity.getRoles());
    }
}
