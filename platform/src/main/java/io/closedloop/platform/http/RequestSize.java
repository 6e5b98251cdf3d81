package io.closedloop.platform.http;

import java.util.Map;

import io.vertx.core.http.HttpVersion;

/**
 * The sizes the HTTP limits are about, counted as they travel: {@code METHOD SP target SP version} for the request
 * line, {@code name: value CRLF} for each header.
 */
record RequestSize(String method, String target, HttpVersion version) {

    long requestLineBytes() {
        return utf8Length(method) + 1 + utf8Length(target) + 1 + versionText().length();
    }

    private String versionText() {
        return switch (version) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2";
        };
    }

    static long headerBytes(Iterable<Map.Entry<String, String>> headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += utf8Length(header.getKey()) + 2 + utf8Length(header.getValue()) + 2;
        }
        return bytes;
    }

    /** The declared length, or -1 when it is not a non-negative decimal number. */
    static long contentLength(String declared) {
        String digits = declared.strip();
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
