package io.closedloop.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Free TCP ports on the loopback interface. */
public final class FreePorts {

    /**
     * Below Linux's ephemeral range (32768–60999), from which the kernel picks both "any free port" and the local port
     * of every outgoing connection: a port found free there can be taken by some client's connection before the
     * server that was meant to have it starts (seen here: a service's port taken while the services before it
     * started). Ports here are only ever taken by servers that ask for them.
     */
    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port that is free now and that this JVM has not handed out before. */
    public static int find() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (!HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port on the loopback interface between " + FIRST + " and " + LAST);
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
