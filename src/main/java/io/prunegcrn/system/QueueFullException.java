package io.prunegcrn.system;

/** A queue is full (training jobs, expensive reads): HTTP 429 with Retry-After. */
public class QueueFullException extends RuntimeException {

    private final int retryAfterSeconds;

    public QueueFullException(int capacity, int retryAfterSeconds) {
        this("the training queue is full (" + capacity + " jobs waiting); try again later", retryAfterSeconds);
    }

    public QueueFullException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
