package io.prunegcrn.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Dynamic batching of one model's forecasts, as model servers do it: the first waiting request starts a batch,
 * which takes every request that arrives within {@code max-wait} of it, up to {@code max-batch}, and then runs as one
 * pass. While a batch runs, the next one collects; up to {@code concurrent-batches} run at once.
 *
 * <p>Why: a pass over B windows costs much less than B passes (the recurrent steps, the support products and the
 * per-op overhead are shared), so concurrent clients get more forecasts per second.
 */
final class ForecastBatcher {

    private record Pending(float[][] window, long arrivedNanos, CompletableFuture<float[][]> result) {
    }

    private final TrainedModel model;
    private final ForecastProperties.Batching settings;
    private final Executor executor;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Batches collecting or running; at most one collects at a time. */
    private int active;
    private boolean collecting;

    ForecastBatcher(TrainedModel model, ForecastProperties.Batching settings, Executor executor) {
        this.model = model;
        this.settings = settings;
        this.executor = executor;
    }

    CompletableFuture<float[][]> submit(float[][] window) {
        Pending p = new Pending(window, System.nanoTime(), new CompletableFuture<>());
        synchronized (this) {
            queue.add(p);
            notifyAll();
            startCollectorIfIdle();
        }
        return p.result();
    }

    /** Holds the lock. */
    private void startCollectorIfIdle() {
        if (!collecting && active < settings.concurrentBatches() && !queue.isEmpty()) {
            collecting = true;
            active++;
            try {
                executor.execute(this::collectAndRun);
            } catch (RuntimeException e) { // executor shut down: fail what waits rather than hang
                collecting = false;
                active--;
                queue.forEach(q -> q.result().completeExceptionally(e));
                queue.clear();
            }
        }
    }

    private void collectAndRun() {
        List<Pending> batch;
        synchronized (this) {
            try {
                batch = collect();
            } finally {
                collecting = false;
                startCollectorIfIdle(); // the next batch collects while this one runs
            }
        }
        try {
            List<float[][]> windows = new ArrayList<>(batch.size());
            batch.forEach(p -> windows.add(p.window()));
            List<float[][]> forecasts = model.forecast(windows);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(forecasts.get(i));
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        } finally {
            synchronized (this) {
                active--;
                startCollectorIfIdle();
            }
        }
    }

    /** Holds the lock; the queue is not empty. Waits until max-wait after the first request or a full batch. */
    private List<Pending> collect() {
        List<Pending> batch = new ArrayList<>();
        batch.add(queue.poll());
        long deadline = batch.get(0).arrivedNanos() + settings.maxWait().toNanos();
        while (batch.size() < settings.maxBatch()) {
            Pending next = queue.poll();
            if (next != null) {
                batch.add(next);
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return batch;
    }
}
