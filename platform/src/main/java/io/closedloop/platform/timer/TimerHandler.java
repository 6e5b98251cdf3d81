package io.closedloop.platform.timer;

/**
 * Acts on the timers of one kind. Called inside the transaction that deletes the timer, so the effect and the
 * timer's end commit together. Timers may be stale by the time they fire (the lead was acknowledged meanwhile):
 * a handler checks that what it was set for still holds, and does nothing otherwise.
 */
public interface TimerHandler {

    String kind();

    void fire(DueTimer timer) throws Exception;
}
