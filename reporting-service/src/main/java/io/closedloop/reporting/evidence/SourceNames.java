package io.closedloop.reporting.evidence;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Source names are identities: {@code telephony}, {@code Telephony } and {@code tele\u200Bphony} must be one source, and
 * none of them may pass for a service whose events reporting derives evidence from. A name is normalised (Unicode
 * NFKC, format characters such as zero-width spaces removed, surrounding whitespace trimmed, lower case) and must then
 * be a plain token of ASCII letters, digits, '.', '_' and '-' — so look-alike letters from other scripts are refused
 * rather than compared. Pure.
 */
public final class SourceNames {

    /** Derived evidence is filed under these; nobody else may use them, however spelled. */
    public static final String LEADS = "leads-service";
    public static final String FEEDBACK = "feedback-service";
    public static final String REPORTING = "reporting-service";
    private static final Set<String> RESERVED = Set.of(LEADS, FEEDBACK, REPORTING);
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern FORMAT = Pattern.compile("\\p{Cf}");

    private SourceNames() {
    }

    /** The canonical form of a name, or empty when no canonical form can stand for it. */
    public static Optional<String> normalise(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String canonical = FORMAT.matcher(Normalizer.normalize(name, Normalizer.Form.NFKC)).replaceAll("")
                .strip().toLowerCase(Locale.ROOT);
        return TOKEN.matcher(canonical).matches() ? Optional.of(canonical) : Optional.empty();
    }

    public static boolean reserved(String canonical) {
        return RESERVED.contains(canonical) || canonical.startsWith("closedloop");
    }

    /** Why an integrator may not file evidence under {@code name}, or empty when it may. */
    public static Optional<String> refusal(String name, Bindings bindings, String integrator) {
        Optional<String> canonical = normalise(name);
        if (canonical.isEmpty()) {
            return Optional.of("must be a source name: letters, digits, '.', '_' and '-' (compared without case)");
        }
        if (reserved(canonical.get())) {
            return Optional.of("'" + canonical.get() + "' is reserved for evidence derived from the services' own events");
        }
        if (!bindings.allows(integrator, canonical.get())) {
            Set<String> bound = bindings.sourcesOf(integrator);
            return Optional.of("'" + canonical.get() + "' is not a source integrator '" + integrator + "' may post ("
                    + (bound.isEmpty() ? "it is bound to none" : "it is bound to " + String.join(", ", new java.util.TreeSet<>(bound)))
                    + "; see closedloop.reporting.evidence.bindings)");
        }
        return Optional.empty();
    }

    /**
     * Which integrator identities may file evidence under which source names, from configuration:
     * {@code identity:source|source, identity:source}. The identity is a token's subject (REST) or the
     * {@code /integrators/<identity>} CloudEvents source (Kafka).
     */
    public record Bindings(Map<String, Set<String>> sourcesByIntegrator) {

        public static final Bindings NONE = new Bindings(Map.of());

        public static Bindings parse(Iterable<String> entries) {
            Map<String, Set<String>> bindings = new LinkedHashMap<>();
            for (String entry : entries) {
                String trimmed = entry.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                if (colon <= 0 || colon == trimmed.length() - 1) {
                    throw new IllegalArgumentException("An evidence binding is identity:source|source, not '" + trimmed + "'");
                }
                String identity = trimmed.substring(0, colon).strip();
                Set<String> sources = bindings.computeIfAbsent(identity, k -> new LinkedHashSet<>());
                for (String source : trimmed.substring(colon + 1).split("\\|")) {
                    String canonical = normalise(source).orElseThrow(() -> new IllegalArgumentException(
                            "Not a source name in the evidence binding of '" + identity + "': '" + source + "'"));
                    if (reserved(canonical)) {
                        throw new IllegalArgumentException("'" + canonical + "' is reserved and cannot be bound to '"
                                + identity + "'");
                    }
                    sources.add(canonical);
                }
            }
            Map<String, Set<String>> frozen = new LinkedHashMap<>();
            bindings.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
            return new Bindings(Map.copyOf(frozen));
        }

        public boolean allows(String integrator, String canonicalSource) {
            return integrator != null && sourcesOf(integrator).contains(canonicalSource);
        }

        public Set<String> sourcesOf(String integrator) {
            return sourcesByIntegrator.getOrDefault(integrator, Set.of());
        }
    }
}
