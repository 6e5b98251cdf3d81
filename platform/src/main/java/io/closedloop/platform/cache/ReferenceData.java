package io.closedloop.platform.cache;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.agroal.api.AgroalDataSource;
import io.closedloop.platform.tx.AfterCommit;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Reference data — configuration documents, the directory of people and teams — changes rarely and is read on every
 * write path, so each replica keeps it in memory ({@link Cached}) and forgets it when it changes. A change is announced
 * in the transaction that makes it, with PostgreSQL's {@code NOTIFY}, which every replica's listener receives when that
 * transaction commits; the writing replica forgets right after its commit without waiting for it. If the listener
 * loses its connection, it forgets everything (it may have missed a change), and every value is reloaded after
 * {@code closedloop.reference.max-age} in any case.
 */
@ApplicationScoped
public class ReferenceData {

    static final String CHANNEL = "closedloop_reference";
    private static final Logger LOG = Logger.getLogger(ReferenceData.class);

    private final AgroalDataSource dataSource;
    private final EntityManager entityManager;
    private final AfterCommit afterCommit;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, List<Cached<?, ?>>> caches = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread listener;

    ReferenceData(AgroalDataSource dataSource, EntityManager entityManager, AfterCommit afterCommit, Clock clock,
                  @ConfigProperty(name = "closedloop.reference.max-age", defaultValue = "60s") Duration maxAge) {
        this.dataSource = dataSource;
        this.entityManager = entityManager;
        this.afterCommit = afterCommit;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** A cache of reference data of {@code topic}, forgotten whenever {@link #changed} names that topic. */
    public <K, V> Cached<K, V> cache(String topic) {
        Cached<K, V> cache = new Cached<>(maxAge, clock);
        caches.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(cache);
        startListening();
        return cache;
    }

    /** Announces, in the current transaction, that reference data of {@code topic} changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(String topic) {
        entityManager.createNativeQuery("SELECT pg_notify(?1, ?2)").setParameter(1, CHANNEL).setParameter(2, topic)
                .getSingleResult();
        afterCommit.once(new ForgetAfterCommit(topic), () -> forget(topic));
    }

    private record ForgetAfterCommit(String topic) {
    }

    void forget(String topic) {
        caches.getOrDefault(topic, List.of()).forEach(Cached::forget);
    }

    private void forgetEverything() {
        caches.values().forEach(list -> list.forEach(Cached::forget));
    }

    /** The listener runs in a service that caches something: from its first cache on. */
    private synchronized void startListening() {
        if (listener != null) {
            return;
        }
        running = true;
        Thread t = new Thread(this::listen, "reference-data-listener");
        t.setDaemon(true);
        listener = t;
        t.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
        }
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                // Whatever changed while nobody listened is unknown: start from the database again.
                forgetEverything();
                backoff = Duration.ofMillis(200);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            forget(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                forgetEverything();
                LOG.debugf("Reference data listener lost its connection (%s); retrying in %d ms", e, backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
            }
        }
    }
}
