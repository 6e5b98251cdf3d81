package io.closedloop.feedback.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which webhook URLs are acceptable: http or https, a host that resolves, and, unless private networks are allowed
 * (development, tests), no loopback, private, link-local or multicast address — a webhook must not become a way to
 * reach the service's own network.
 */
public final class UrlPolicy {

    private UrlPolicy() {
    }

    /** Returns why the URL is refused, or null when it is acceptable. */
    public static String problem(String url, boolean allowPrivateNetwork) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http or https URL";
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            return "must name a host, without user information";
        }
        if (allowPrivateNetwork) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || isUniqueLocal(address)) {
                    return "must be a public address";
                }
            }
        } catch (UnknownHostException e) {
            return "names a host that does not resolve";
        }
        return null;
    }

    private static boolean isUniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xFE) == 0xFC;
    }
}
