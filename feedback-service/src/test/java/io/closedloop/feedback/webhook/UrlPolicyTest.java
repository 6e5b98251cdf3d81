package io.closedloop.feedback.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class UrlPolicyTest {

    private static final UrlPolicy.Rules LOCAL = new UrlPolicy.Rules(true, false);
    private static final UrlPolicy.Rules PRODUCTION = new UrlPolicy.Rules(false, true);
    private static final UrlPolicy.Rules PUBLIC_HTTP = new UrlPolicy.Rules(false, false);

    @Test
    void only_http_urls_with_a_host_are_accepted_and_production_takes_https_only() {
        assertThat(UrlPolicy.problem("ftp://example.com/hook", LOCAL)).isEqualTo("must be an http or https URL");
        assertThat(UrlPolicy.problem("not a url", LOCAL)).isNotNull();
        assertThat(UrlPolicy.problem("https://user:pw@example.com/hook", LOCAL)).contains("without user information");
        assertThat(UrlPolicy.problem("http://127.0.0.1:8080/hook", LOCAL)).isNull();
        assertThat(UrlPolicy.problem("http://8.8.8.8/hook", PRODUCTION)).isEqualTo("must be an https URL");
        assertThat(UrlPolicy.problem("https://8.8.8.8/hook", PRODUCTION)).isNull();
    }

    @Test
    void every_special_purpose_address_is_refused_unless_private_networks_are_allowed() {
        for (String url : new String[] {"http://127.0.0.1/h", "http://localhost/h", "http://10.1.2.3/h",
                "http://192.168.0.10/h", "http://169.254.169.254/latest/meta-data", "http://[::1]/h", "http://[fd00::1]/h",
                "http://0.0.0.0/h", "http://0.1.2.3/h", "http://100.64.0.1/h", "http://100.127.255.254/h",
                "http://198.18.0.1/h", "http://198.19.255.1/h", "http://240.0.0.1/h", "http://255.255.255.255/h",
                "http://224.0.0.1/h", "http://192.0.2.7/h", "http://[::ffff:127.0.0.1]/h", "http://[::ffff:10.0.0.1]/h",
                "http://[64:ff9b::a00:1]/h", "http://[64:ff9b:1::7f00:1]/h", "http://[2002:a00:1::]/h",
                "http://[2002:7f00:1::1]/h", "http://[fe80::1]/h", "http://[ff02::1]/h", "http://[2001:db8::1]/h",
                "http://[::]/h", "http://[100::1]/h"}) {
            assertThat(UrlPolicy.problem(url, PUBLIC_HTTP)).as(url).startsWith("must be a public address, not ");
        }
        assertThat(UrlPolicy.problem("http://8.8.8.8/h", PUBLIC_HTTP)).isNull();
        assertThat(UrlPolicy.problem("http://[2606:4700:4700::1111]/h", PUBLIC_HTTP)).isNull();
        // A public IPv4 address inside NAT64 or 6to4 is as public as itself.
        assertThat(UrlPolicy.problem("http://[64:ff9b::808:808]/h", PUBLIC_HTTP)).isNull();
    }

    @Test
    void the_registry_names_the_block() throws Exception {
        assertThat(SpecialAddresses.reason(InetAddress.getByName("100.64.0.1"))).isEqualTo("shared address space");
        assertThat(SpecialAddresses.reason(InetAddress.getByName("198.18.1.1"))).isEqualTo("benchmarking");
        assertThat(SpecialAddresses.reason(InetAddress.getByName("::ffff:192.168.1.1"))).isEqualTo("private");
        assertThat(SpecialAddresses.reason(InetAddress.getByName("64:ff9b::c0a8:101"))).isEqualTo("private (inside an IPv6 address)");
        assertThat(SpecialAddresses.reason(InetAddress.getByName("93.184.216.34"))).isNull();
    }
}
