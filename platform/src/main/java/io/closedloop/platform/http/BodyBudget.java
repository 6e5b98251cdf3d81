package io.closedloop.platform.http;

import java.util.HashMap;
import java.util.Map;

/**
 * The memory that request bodies being read may hold, in all and from one client. A body is read whole before any
 * worker thread sees its request, so a client that sends slowly costs buffered bytes rather than a blocked thread;
 * these bounds keep those bytes to a known share of the heap, and keep one client from taking all of it.
 */
final class BodyBudget {

    enum Reservation { GRANTED, CLIENT_SHARE_EXCEEDED, BUDGET_EXCEEDED }

    private final long total;
    private final long perClient;
    private final Map<String, Long> heldByClient = new HashMap<>();
    private long held;

    BodyBudget(long total, long perClient) {
        if (total <= 0 || perClient <= 0 || perClient > total) {
            throw new IllegalArgumentException("A body budget needs 0 < per client (" + perClient + ") <= total ("
                    + total + ")");
        }
        this.total = total;
        this.perClient = perClient;
    }

    /** Takes {@code bytes} for {@code client}, or nothing at all when either bound would be passed. */
    synchronized Reservation reserve(String client, long bytes) {
        long clientHeld = heldByClient.getOrDefault(client, 0L);
        if (clientHeld + bytes > perClient) {
            return Reservation.CLIENT_SHARE_EXCEEDED;
        }
        if (held + bytes > total) {
            return Reservation.BUDGET_EXCEEDED;
        }
        heldByClient.put(client, clientHeld + bytes);
        held += bytes;
        return Reservation.GRANTED;
    }

    /** Gives back what {@code client} reserved for a request that has ended. */
    synchronized void release(String client, long bytes) {
        if (bytes == 0) {
            return;
        }
        long clientHeld = heldByClient.getOrDefault(client, 0L);
        if (bytes > clientHeld) {
            throw new IllegalStateException(client + " gives back " + bytes + " bytes but holds " + clientHeld);
        }
        if (clientHeld == bytes) {
            heldByClient.remove(client);
        } else {
            heldByClient.put(client, clientHeld - bytes);
        }
        held -= bytes;
    }

    synchronized long held() {
        return held;
    }

    synchronized int clients() {
        return heldByClient.size();
    }

    long perClient() {
        return perClient;
    }

    long total() {
        return total;
    }
}
