package io.closedloop.reporting.evidence;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.closedloop.events.evidence.EvidenceRecorded;
import io.closedloop.platform.inbox.PoisonEventException;
import io.closedloop.reporting.ReportingConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who gave a piece of evidence, and whether they may file it under its source name. On {@code POST /evidence} the
 * integrator is the caller; reporting-service republishes the evidence with {@code recordedBy} set to it. Evidence
 * published straight onto the topic names its integrator in its CloudEvents source, {@code /integrators/<identity>}:
 * the topic's access control decides who may write there, and the bindings decide under which names each may.
 */
@ApplicationScoped
public class EvidenceSources {

    /** The CloudEvents source of evidence an integrator publishes itself: {@code /integrators/<identity>}. */
    public static final String INTEGRATORS = "/integrators/";
    /** The CloudEvents source of what reporting-service publishes, POSTed evidence included. */
    public static final String REPORTING = "/reporting-service";

    /** Evidence accepted from the topic: its canonical source and who gave it (null: posted before identities). */
    public record Accepted(String source, String integrator) {
    }

    private static final int MAX_FILINGS = 4_096;

    private final SourceNames.Bindings bindings;
    private final Map<Filing, Filed> filings = new ConcurrentHashMap<>();

    EvidenceSources(ReportingConfig config) {
        this.bindings = SourceNames.Bindings.parse(config.evidence().bindings().orElse(List.of()));
    }

    public SourceNames.Bindings bindings() {
        return bindings;
    }

    /**
     * The evidence's canonical source and integrator, or a {@link PoisonEventException} (the record is dead-lettered
     * with the reason) when nobody identifiable may file it under that name.
     *
     * @param eventSource the CloudEvents source of the event that carried the evidence
     */
    public Accepted accept(String eventSource, EvidenceRecorded e) {
        String integrator;
        if (REPORTING.equals(eventSource)) {
            // Checked when it was POSTed; evidence POSTed before identities were recorded carries none.
            integrator = e.recordedBy();
        } else if (eventSource != null && eventSource.startsWith(INTEGRATORS) && eventSource.length() > INTEGRATORS.length()) {
            integrator = eventSource.substring(INTEGRATORS.length());
            if (e.recordedBy() != null && !e.recordedBy().equals(integrator)) {
                throw new PoisonEventException("Evidence from " + eventSource + " says it was recorded by '"
                        + e.recordedBy() + "'");
            }
        } else {
            throw new PoisonEventException("Evidence published on the topic must name its integrator as CloudEvents "
                    + "source " + INTEGRATORS + "<identity>, not '" + eventSource + "'");
        }
        String canonical = filed(integrator, e.source());
        if (integrator != null && integrator.equals(e.personId())) {
            throw new PoisonEventException("Evidence refused: integrator '" + integrator + "' reports on itself");
        }
        return new Accepted(canonical, integrator);
    }

    /**
     * The canonical name evidence named {@code source} is filed under when {@code integrator} gives it. An integrator
     * uses a handful of names, each normalised and checked once (a rebuild reads millions of records under them).
     */
    private String filed(String integrator, String source) {
        Filing key = new Filing(integrator, source);
        Filed filed = filings.get(key);
        if (filed == null) {
            filed = file(integrator, source);
            if (filings.size() < MAX_FILINGS) {
                filings.put(key, filed);
            }
        }
        if (filed.refusal() != null) {
            throw new PoisonEventException(filed.refusal());
        }
        return filed.canonical();
    }

    private Filed file(String integrator, String source) {
        Optional<String> canonical = SourceNames.normalise(source);
        if (canonical.isEmpty() || SourceNames.reserved(canonical.get())) {
            return new Filed(null, "Evidence source '" + source + "' is not a usable source name");
        }
        if (integrator != null) {
            Optional<String> refusal = SourceNames.refusal(canonical.get(), bindings, integrator);
            if (refusal.isPresent()) {
                return new Filed(null, "Evidence refused: source " + refusal.get());
            }
        }
        return new Filed(canonical.get(), null);
    }

    private record Filing(String integrator, String source) {
    }

    private record Filed(String canonical, String refusal) {
    }
}
