package io.closedloop.reporting.projection;

import java.math.BigDecimal;
import java.time.Duration;

import io.closedloop.events.lead.LeadSource;
import io.closedloop.events.loop.EchoKind;
import io.closedloop.events.loop.LoopKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What the live projection observes, as Prometheus metrics. Labels are bounded sets (team, source, clock, kind,
 * currency), never customer or lead ids. See the README for the list.
 */
@ApplicationScoped
public class ProjectionMetrics implements ReadModelProjector.Observer {

    private final MeterRegistry registry;

    ProjectionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The loop meters have small, known label sets: registering them at zero lets Prometheus see the first echo as an
     * increase ({@code rate()} cannot count observations made before a series' first scrape).
     */
    void registerLoopMeters(@Observes StartupEvent event) {
        for (LoopKind kind : LoopKind.values()) {
            loopsOpened(kind.name());
            for (EchoKind echo : EchoKind.values()) {
                echoLatency(kind.name(), echo.name());
                lateEchoes(kind.name(), echo.name());
            }
        }
    }

    @Override
    public void received(String source) {
        Counter.builder("closedloop.leads.received").description("Leads taken in").tag("source", label(source))
                .register(registry).increment();
    }

    @Override
    public void acknowledged(String teamId, String source, long seconds, boolean late) {
        acknowledgments(teamId, !late).increment();
        timeToAcknowledge(teamId, source).record(Duration.ofSeconds(seconds));
    }

    @Override
    public void firstContact(String teamId, String source, long seconds) {
        timeToFirstContact(teamId, source).record(Duration.ofSeconds(seconds));
    }

    /**
     * A team's lead meters at zero, as soon as the team is known: a team's first leads are often acknowledged and
     * contacted together, and a series born with its first observations shows Prometheus no increase ({@code rate()}
     * is empty) — the monitoring test's "time to first contact" and "acknowledged within SLA" panels stayed empty
     * when their first scrape came after them.
     */
    @Override
    public void teamSeen(String teamId) {
        acknowledgments(teamId, true);
        acknowledgments(teamId, false);
        for (LeadSource source : LeadSource.values()) {
            timeToAcknowledge(teamId, source.name());
            timeToFirstContact(teamId, source.name());
        }
    }

    private Counter acknowledgments(String teamId, boolean withinSla) {
        return Counter.builder("closedloop.leads.acknowledged").description("Leads acknowledged by their owner, within their SLA or late")
                .tag("team", label(teamId)).tag("within_sla", Boolean.toString(withinSla)).register(registry);
    }

    private Timer timeToAcknowledge(String teamId, String source) {
        return Timer.builder("closedloop.lead.time.to.acknowledge").description("From assignment to the owner's acknowledgment")
                .tag("team", label(teamId)).tag("source", label(source))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(10)).maximumExpectedValue(Duration.ofDays(3))
                .register(registry);
    }

    private Timer timeToFirstContact(String teamId, String source) {
        return Timer.builder("closedloop.lead.time.to.first.contact").description("From the lead's arrival to the first contact attempt")
                .tag("team", label(teamId)).tag("source", label(source))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMinutes(1)).maximumExpectedValue(Duration.ofDays(7))
                .register(registry);
    }

    @Override
    public void escalated(String teamId, String clock) {
        Counter.builder("closedloop.lead.escalations").description("Missed lead deadlines escalated to a manager")
                .tag("team", label(teamId)).tag("clock", label(clock)).register(registry).increment();
    }

    @Override
    public void won(String teamId, String currency, BigDecimal amount) {
        Counter.builder("closedloop.lead.won.value").description("Value of leads won").tag("team", label(teamId))
                .tag("currency", label(currency)).register(registry).increment(amount.doubleValue());
        Counter.builder("closedloop.leads.won").description("Leads won").tag("team", label(teamId)).register(registry).increment();
    }

    @Override
    public void echoed(String loopKind, String echo, long latencySeconds, boolean late) {
        echoLatency(loopKind, echo).record(latencySeconds);
        if (late) {
            lateEchoes(loopKind, echo).increment();
        }
    }

    @Override
    public void loopOpened(String loopKind) {
        loopsOpened(loopKind).increment();
    }

    private DistributionSummary echoLatency(String loopKind, String echo) {
        return DistributionSummary.builder("closedloop.loop.echo.latency").description("Seconds from the start of an echo's clock to the echo")
                .baseUnit("seconds").tag("kind", label(loopKind)).tag("echo", label(echo))
                .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(2_592_000.0)
                .register(registry);
    }

    private Counter lateEchoes(String loopKind, String echo) {
        return Counter.builder("closedloop.loop.late.echoes").description("Echoes that reached the initiator after their deadline")
                .tag("kind", label(loopKind)).tag("echo", label(echo)).register(registry);
    }

    private Counter loopsOpened(String loopKind) {
        return Counter.builder("closedloop.loops.opened").description("Loops opened back to an initiator").tag("kind", label(loopKind))
                .register(registry);
    }

    @Override
    public void loopClosed(String loopKind, String teamId) {
        Counter.builder("closedloop.loops.closed").description("Loops closed: the outcome reached the initiator")
                .tag("kind", label(loopKind)).tag("team", label(teamId)).register(registry).increment();
    }

    private static String label(String value) {
        return value == null ? "none" : value;
    }
}
