package io.closedloop.stack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Each service's OpenAPI document is committed ({@code <service>/openapi.yaml}) so that API changes show in review
 * and clients can be generated from the repository. A test compares it with what the running service serves.
 * Rewrite it after an intended change: {@code ./mvnw -pl <service> test -Dopenapi.write=true}.
 */
public final class OpenApiContract {

    private OpenApiContract() {
    }

    public static void assertMatchesCommitted(String served) {
        Path file = Path.of(System.getProperty("openapi.file", "openapi.yaml"));
        String normalised = served.strip() + "\n";
        try {
            if (Boolean.getBoolean("openapi.write")) {
                Files.writeString(file, normalised);
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError(file + " is missing; write it with -Dopenapi.write=true and commit it");
            }
            String committed = Files.readString(file);
            if (!committed.equals(normalised)) {
                throw new AssertionError("The API served differs from " + file + " at line " + firstDifference(committed, normalised)
                        + ". If the change is intended, rewrite it with -Dopenapi.write=true and commit it.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstDifference(String a, String b) {
        List<String> left = a.lines().toList();
        List<String> right = b.lines().toList();
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            String l = i < left.size() ? left.get(i) : "<end>";
            String r = i < right.size() ? right.get(i) : "<end>";
            if (!l.equals(r)) {
                return (i + 1) + ": committed '" + l.strip() + "', served '" + r.strip() + "'";
            }
        }
        return "?";
    }
}
