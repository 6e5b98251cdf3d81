package io.closedloop.feedback.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlPolicyTest {

    @Test
    void only_http_urls_with_a_host_are_accepted() {
        assertThat(UrlPolicy.problem("ftp://example.com/hook", true)).isEqualTo("must be an http or https URL");
        assertThat(UrlPolicy.problem("not a url", true)).isNotNull();
        assertThat(UrlPolicy.problem("https://user:pw@example.com/hook", true)).contains("without user information");
        assertThat(UrlPolicy.problem("http://127.0.0.1:8080/hook", true)).isNull();
    }

    @Test
    void private_and_local_addresses_are_refused_unless_allowed() {
        for (String url : new String[] {"http://127.0.0.1/h", "http://localhost/h", "http://10.1.2.3/h",
                "http://192.168.0.10/h", "http://169.254.169.254/latest/meta-data", "http://[::1]/h", "http://[fd00::1]/h",
                "http://0.0.0.0/h"}) {
            assertThat(UrlPolicy.problem(url, false)).as(url).isEqualTo("must be a public address");
        }
        assertThat(UrlPolicy.problem("http://8.8.8.8/h", false)).isNull();
    }
}
