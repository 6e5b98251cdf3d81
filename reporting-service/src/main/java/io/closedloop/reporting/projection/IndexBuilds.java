package io.closedloop.reporting.projection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The indexes a rebuild dropped before loading its tables, built again by whichever of its connections is free: each
 * branch adds its table's indexes once the table is loaded, then builds from the queue until it is empty, so the branch
 * that finishes its own work first also builds the other's. A key is built as its unique index — other index builds on
 * the same table do not wait for that, as they would for {@code ALTER TABLE … ADD PRIMARY KEY} — and made the table's key
 * again once every build is done ({@link #keys}).
 */
final class IndexBuilds {

    /** One dropped index: the statement that builds it, and, for a key, the one that makes it the key again. */
    record Index(String build, String key) {
    }

    private final Deque<String> builds = new ArrayDeque<>();
    private final List<String> keys = new ArrayList<>();

    /** Adds the indexes of a table that is now loaded. */
    synchronized void add(List<Index> indexes) {
        for (Index index : indexes) {
            builds.add(index.build());
            if (index.key() != null) {
                keys.add(index.key());
            }
        }
    }

    /** The next index to build, or null when none is waiting. */
    synchronized String next() {
        return builds.poll();
    }

    /** The statements that make the keys' indexes keys again, to run once nothing builds any more. */
    synchronized List<String> keys() {
        return List.copyOf(keys);
    }
}
