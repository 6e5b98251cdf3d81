package io.closedloop.reporting.evidence;

import java.util.List;
import java.util.Optional;

import io.closedloop.events.evidence.EvidenceRecorded;
import io.closedloop.platform.inbox.IncomingEvent;
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

    private final SourceNames.Bindings bindings;

    EvidenceSources(ReportingConfig config) {
        this.bindings = SourceNames.Bindings.parse(config.evidence().bindings().orElse(List.of()));
    }

    public SourceNames.Bindings bindings() {
        return bindings;
    }

    /**
     * The evidence's canonical source and integrator, or a {@link PoisonEventException} (the record is dead-lettered
     * with the reason) when nobody identifiable may file it under that name.
     */
    public Accepted accept(IncomingEvent event, EvidenceRecorded e) {
        String integrator;
        if (REPORTING.equals(event.source())) {
            // Checked when it was POSTed; evidence POSTed before identities were recorded carries none.
            integrator = e.recordedBy();
        } else if (event.source() != null && event.source().startsWith(INTEGRATORS)
                && event.source().length() > INTEGRATORS.length()) {
            integrator = event.source().substring(INTEGRATORS.length());
            if (e.recordedBy() != null && !e.recordedBy().equals(integrator)) {
                throw new PoisonEventException("Evidence from " + event.source() + " says it was recorded by '"
                        + e.recordedBy() + "'");
            }
        } else {
            throw new PoisonEventException("Evidence published on the topic must name its integrator as CloudEvents "
                    + "source " + INTEGRATORS + "<identity>, not '" + event.source() + "'");
        }
        Optional<String> canonical = SourceNames.normalise(e.source());
        if (canonical.isEmpty() || SourceNames.reserved(canonical.get())) {
            throw new PoisonEventException("Evidence source '" + e.source() + "' is not a usable source name");
        }
        if (integrator != null) {
            Optional<String> refusal = SourceNames.refusal(canonical.get(), bindings, integrator);
            if (refusal.isPresent()) {
                throw new PoisonEventException("Evidence refused: source " + refusal.get());
            }
            if (integrator.equals(e.personId())) {
                throw new PoisonEventException("Evidence refused: integrator '" + integrator + "' reports on itself");
            }
        }
        return new Accepted(canonical.get(), integrator);
    }
}
