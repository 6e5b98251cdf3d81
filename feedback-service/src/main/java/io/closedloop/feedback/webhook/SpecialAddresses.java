package io.closedloop.feedback.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The addresses a webhook may never be sent to: every block of the IANA IPv4 and IPv6 Special-Purpose Address
 * Registries that is not globally reachable (loopback, private, shared 100.64/10, benchmarking 198.18/15, documentation,
 * link-local, multicast, reserved 240/4, "this network" 0/8, unique-local, discard…), and the IPv6 forms that carry an
 * IPv4 address inside — IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96, 64:ff9b:1::/48) and 6to4 (2002::/16) — whose
 * embedded address is judged by the IPv4 rules. Pure.
 */
public final class SpecialAddresses {

    private record Block(byte[] prefix, int bits, String name) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            return rest == 0 || ((address[whole] ^ prefix[whole]) & (0xFF << (8 - rest)) & 0xFF) == 0;
        }
    }

    private static final List<Block> IPV4 = List.of(
            block("0.0.0.0", 8, "this network"), block("10.0.0.0", 8, "private"), block("100.64.0.0", 10, "shared address space"),
            block("127.0.0.0", 8, "loopback"), block("169.254.0.0", 16, "link-local"), block("172.16.0.0", 12, "private"),
            block("192.0.0.0", 24, "IETF protocol assignments"), block("192.0.2.0", 24, "documentation"),
            block("192.88.99.0", 24, "6to4 relay anycast"), block("192.168.0.0", 16, "private"),
            block("198.18.0.0", 15, "benchmarking"), block("198.51.100.0", 24, "documentation"),
            block("203.0.113.0", 24, "documentation"), block("224.0.0.0", 4, "multicast"), block("240.0.0.0", 4, "reserved"));

    private static final List<Block> IPV6 = List.of(
            block("::", 128, "unspecified"), block("::1", 128, "loopback"), block("100::", 64, "discard-only"),
            block("2001::", 23, "IETF protocol assignments"), block("2001:db8::", 32, "documentation"),
            block("3fff::", 20, "documentation"), block("5f00::", 16, "segment routing"), block("fc00::", 7, "unique-local"),
            block("fe80::", 10, "link-local"), block("fec0::", 10, "site-local"), block("ff00::", 8, "multicast"));

    private SpecialAddresses() {
    }

    /** Why a webhook may not go to this address (the registry's name for its block), or null when it is public. */
    public static String reason(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return reasonV4(bytes);
        }
        byte[] embedded = embeddedIpv4((Inet6Address) address);
        if (embedded != null) {
            String reason = reasonV4(embedded);
            return reason == null ? null : reason + " (inside an IPv6 address)";
        }
        for (Block block : IPV6) {
            if (block.contains(bytes)) {
                return block.name();
            }
        }
        return null;
    }

    private static String reasonV4(byte[] bytes) {
        if ((bytes[0] & 0xFF) == 255 && (bytes[1] & 0xFF) == 255 && (bytes[2] & 0xFF) == 255 && (bytes[3] & 0xFF) == 255) {
            return "broadcast";
        }
        for (Block block : IPV4) {
            if (block.contains(bytes)) {
                return block.name();
            }
        }
        return null;
    }

    /** The IPv4 address an IPv6 one carries: mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64, 6to4. */
    static byte[] embeddedIpv4(Inet6Address address) {
        byte[] b = address.getAddress();
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && ((b[10] == (byte) 0xFF && b[11] == (byte) 0xFF) || (b[10] == 0 && b[11] == 0 && !isLoopbackOrUnspecified(b)))) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xFF && b[3] == (byte) 0x9B) {
            // NAT64: 64:ff9b::/96 puts the address in the last four bytes; the local-use 64:ff9b:1::/48 too (RFC 6052).
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        return null;
    }

    private static boolean isLoopbackOrUnspecified(byte[] b) {
        for (int i = 10; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 0 || b[15] == 1;
    }

    private static Block block(String address, int bits, String name) {
        try {
            return new Block(InetAddress.getByName(address).getAddress(), bits, name);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
