package io.closedloop.platform.timer;

import java.time.Instant;

/** A timer whose time has come. {@code ref} says what it is about (e.g. a lead id); {@code payload} is the handler's. */
public record DueTimer(long id, String kind, String ref, Instant dueAt, String payload, int attempts) {
}
