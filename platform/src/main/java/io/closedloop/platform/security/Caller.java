package io.closedloop.platform.security;

import java.util.Set;

/** Who is calling: the token's subject (a person id) and its groups. */
public record Caller(String personId, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return is(Roles.ADMIN);
    }

    public boolean isManager() {
        return is(Roles.MANAGER);
    }

    public boolean isAgent() {
        return is(Roles.AGENT);
    }

    /** A referrer and nothing more: may only read what they referred. */
    public boolean isOnlyReferrer() {
        return is(Roles.REFERRER) && !isAgent() && !isManager() && !isAdmin();
    }
}
