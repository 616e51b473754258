package io.prunegcrn.system;

/** The training queue is full: HTTP 429 with Retry-After. */
public class QueueFullException extends RuntimeException {

    private final int retryAfterSeconds;

    public QueueFullException(int capacity, int retryAfterSeconds) {
        super("the training queue is full (" + capacity + " jobs waiting); try again later");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
