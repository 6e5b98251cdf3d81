package io.closedloop.platform.idempotency;

/** The first answer to a request sent again with the same key: answered as it was, instead of running it twice. */
public final class IdempotentReplay extends RuntimeException {

    private final transient IdempotencyStore.Answer answer;

    IdempotentReplay(IdempotencyStore.Answer answer) {
        super("replayed", null, false, false);
        this.answer = answer;
    }

    public IdempotencyStore.Answer answer() {
        return answer;
    }
}
