package io.closedloop.platform.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Reference data kept in memory, per key, until it changes ({@link #forget()}) or grows older than its maximum age.
 * A value loaded while a change was being forgotten is not kept: it may be the old one.
 */
public final class Cached<K, V> {

    private record Entry<V>(V value, Instant loadedAt) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Duration maxAge;
    private final Clock clock;

    Cached(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The value for {@code key}, loaded (and kept) when absent or too old. */
    public V get(K key, Function<K, V> load) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.loadedAt().plus(maxAge).isAfter(now)) {
            return entry.value();
        }
        long before = generation.get();
        V value = load.apply(key);
        if (generation.get() == before) {
            entries.put(key, new Entry<>(value, now));
            if (generation.get() != before) {
                entries.remove(key);
            }
        }
        return value;
    }

    /** Forgets every value: the data changed. */
    public void forget() {
        generation.incrementAndGet();
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
