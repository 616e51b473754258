package io.prunegcrn.model;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.prunegcrn.system.QueueFullException;

/**
 * A bounded pool for expensive reads (backtests, computed forecasts, per-sensor errors): at most {@code size} run at
 * once, on the caller's thread; up to {@code queue} more wait their turn in order; beyond that the caller gets a
 * {@link QueueFullException} (429 with Retry-After), so that anonymous readers cannot take every core between them.
 */
public final class ComputePool {

    private final String name;
    private final int size;
    private final int queue;
    private final int retryAfterSeconds;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();

    public ComputePool(String name, int size, int queue, Duration retryAfter) {
        if (size < 1 || queue < 0) {
            throw new IllegalArgumentException(name + ": needs size >= 1 and queue >= 0, got " + size + " and " + queue);
        }
        this.name = name;
        this.size = size;
        this.queue = queue;
        this.retryAfterSeconds = (int) Math.max(1, retryAfter.toSeconds());
        this.slots = new Semaphore(size, true);
    }

    /** A slot held until closed. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** Runs {@code work} in a slot, waiting for one when the queue has room; 429 when it has none. */
    public <T> T run(Supplier<T> work) {
        try (Slot slot = acquire()) {
            return work.get();
        }
    }

    /**
     * Takes a slot, waiting when the queue has room; 429 when it has none. For answers streamed while they are computed:
     * take the slot before the first byte is written, so that a full pool can still answer 429.
     */
    public Slot acquire() {
        if (!slots.tryAcquire()) {
            if (waiting.incrementAndGet() > queue) {
                waiting.decrementAndGet();
                rejected.incrementAndGet();
                throw new QueueFullException("too many " + name + " at once (" + size + " running, " + queue
                        + " waiting); try again later", retryAfterSeconds);
            }
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a slot for " + name, e);
            } finally {
                waiting.decrementAndGet();
            }
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        };
    }

    public int running() {
        return size - slots.availablePermits();
    }

    public int waiting() {
        return waiting.get();
    }

    public int rejected() {
        return rejected.get();
    }
}
