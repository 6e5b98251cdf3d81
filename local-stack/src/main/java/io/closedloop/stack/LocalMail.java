package io.closedloop.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

/**
 * The local run's mail server: feedback-service's e-mail echoes go to it over SMTP, and each one it receives is
 * written to {@code .closedloop/mail} as an {@code .eml} file that any mail program opens. Nothing leaves the machine.
 */
final class LocalMail implements AutoCloseable {

    private final GreenMail server;
    private final Path folder;
    private final Thread writer;
    private int written;

    private LocalMail(int port, Path folder) throws IOException {
        Files.createDirectories(folder);
        this.folder = folder;
        this.server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        this.writer = Thread.ofPlatform().daemon().name("local-mail").start(this::writeAsTheyCome);
    }

    /** The server on {@code port}, or null when the port is taken (the run goes on without e-mail). */
    static LocalMail start(int port, Path folder) {
        if (!FreePorts.isFree(port)) {
            return null;
        }
        try {
            return new LocalMail(port, folder);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void writeAsTheyCome() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                MimeMessage[] received = server.getReceivedMessages();
                for (; written < received.length; written++) {
                    MimeMessage message = received[written];
                    Address[] to = message.getAllRecipients();
                    String name = String.format("%04d-%s.eml", written + 1,
                            (to == null || to.length == 0 ? "unknown" : to[0].toString()).replaceAll("[^A-Za-z0-9@._-]", "_"));
                    try (OutputStream out = Files.newOutputStream(folder.resolve(name))) {
                        message.writeTo(out);
                    }
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // A message that cannot be written is skipped; the next ones still are.
                written++;
            }
        }
    }

    @Override
    public void close() {
        writer.interrupt();
        server.stop();
    }
}
