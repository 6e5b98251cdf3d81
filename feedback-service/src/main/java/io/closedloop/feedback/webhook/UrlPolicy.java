package io.closedloop.feedback.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which webhook URLs are acceptable: https (or http where the configuration allows it: development and tests), a
 * host that resolves, and, unless private networks are allowed, only to addresses outside every special-purpose block
 * ({@link SpecialAddresses}). A webhook must not become a way to reach the service's own network: the address is
 * checked when subscribing and again before every delivery (a name may point elsewhere by then), and the HTTP client
 * connects to the address just checked, which the JVM keeps in its DNS cache for half a minute.
 */
public final class UrlPolicy {

    /** What this deployment allows. */
    public record Rules(boolean allowPrivateNetwork, boolean requireHttps) {
    }

    private UrlPolicy() {
    }

    /** Returns why the URL is refused, or null when it is acceptable. */
    public static String problem(String url, Rules rules) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && !rules.requireHttps())) {
            return rules.requireHttps() ? "must be an https URL" : "must be an http or https URL";
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            return "must name a host, without user information";
        }
        if (rules.allowPrivateNetwork()) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                String reason = SpecialAddresses.reason(address);
                if (reason != null) {
                    return "must be a public address, not " + reason;
                }
            }
        } catch (UnknownHostException e) {
            return "names a host that does not resolve";
        }
        return null;
    }
}
