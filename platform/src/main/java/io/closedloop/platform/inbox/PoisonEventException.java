package io.closedloop.platform.inbox;

/** An event that can never be processed as it is: it goes to the dead-letter topic, and consumption carries on. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
