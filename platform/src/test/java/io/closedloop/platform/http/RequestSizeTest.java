package io.closedloop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.vertx.core.http.HttpVersion;
import org.junit.jupiter.api.Test;

class RequestSizeTest {

    @Test
    void the_request_line_is_counted_as_it_travels() {
        // "GET /leads?limit=5 HTTP/1.1"
        assertThat(new RequestSize("GET", "/leads?limit=5", HttpVersion.HTTP_1_1).requestLineBytes()).isEqualTo(27);
        assertThat(new RequestSize("POST", "/x", HttpVersion.HTTP_1_0).requestLineBytes()).isEqualTo(16);
    }

    @Test
    void characters_beyond_ascii_count_in_utf8_bytes() {
        // é: 2 bytes, €: 3, 😀 (a surrogate pair): 4.
        assertThat(new RequestSize("GET", "/é€😀", HttpVersion.HTTP_1_1).requestLineBytes())
                .isEqualTo(3 + 1 + (1 + 2 + 3 + 4) + 1 + 8);
    }

    @Test
    void each_header_counts_its_name_value_separator_and_line_end() {
        List<Map.Entry<String, String>> headers = List.of(Map.entry("Host", "a"), Map.entry("X-Long", "x".repeat(100)));
        assertThat(RequestSize.headerBytes(headers)).isEqualTo((4 + 2 + 1 + 2) + (6 + 2 + 100 + 2));
        assertThat(RequestSize.headerBytes(List.of())).isZero();
    }

    @Test
    void a_content_length_is_a_plain_non_negative_decimal() {
        assertThat(RequestSize.contentLength("0")).isZero();
        assertThat(RequestSize.contentLength(" 1048576 ")).isEqualTo(1_048_576);
        assertThat(RequestSize.contentLength("-1")).isEqualTo(-1);
        assertThat(RequestSize.contentLength("+5")).isEqualTo(-1);
        assertThat(RequestSize.contentLength("1e6")).isEqualTo(-1);
        assertThat(RequestSize.contentLength("")).isEqualTo(-1);
        assertThat(RequestSize.contentLength("99999999999999999999")).as("beyond a long").isEqualTo(-1);
        assertThat(RequestSize.contentLength("٣")).as("a non-ASCII digit").isEqualTo(-1);
    }
}
