package io.closedloop.feedback.support;

import java.net.ServerSocket;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) on a free loopback port for the whole test run: the service sends its e-mail
 * echoes to it over SMTP, and tests read what arrived. It can be stopped and started again on the same port, to
 * show that an outage delays e-mail and loses none.
 */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail server;
    private static int port;

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("No free port for the SMTP server", e);
        }
        up();
        return Map.of("closedloop.feedback.mail.smtp-host", "127.0.0.1",
                "closedloop.feedback.mail.smtp-port", Integer.toString(port));
    }

    @Override
    public void stop() {
        down();
    }

    /** The server as it runs now. */
    public static GreenMail server() {
        return server;
    }

    public static synchronized void down() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public static synchronized void up() {
        if (server == null) {
            GreenMail started = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            started.start();
            server = started;
        }
    }
}
