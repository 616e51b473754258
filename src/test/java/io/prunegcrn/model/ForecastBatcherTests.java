package io.prunegcrn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.prunegcrn.dataset.ZScore;
import io.prunegcrn.linear.LinearForecaster;
import io.prunegcrn.network.NetworkShape;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingOutcome;

/**
 * Dynamic batching on a small linear model: who shares a pass, in what order, how many passes run at once, and that
 * no caller is left waiting when a pass fails or the executor refuses. Each batch is one task on the executor, so the
 * tests count and run those tasks.
 */
class ForecastBatcherTests {

    private static final int SENSORS = 3;
    private static final int LAG = 4;
    private static final TrainedModel MODEL = linearModel(new Random(1));

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void requestsArrivingWhileABatchCollectsShareOnePassAndEachGetsItsOwnForecast() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        Executor counting = task -> {
            passes.incrementAndGet();
            pool.execute(task);
        };
        // a long max-wait: the batch closes because it is full, not because time ran out
        ForecastBatcher batcher = new ForecastBatcher(MODEL, new ForecastProperties.Batching(Duration.ofSeconds(60), 8, 2), counting);
        List<float[][]> windows = windows(8);

        long started = System.nanoTime();
        List<CompletableFuture<float[][]>> results = new ArrayList<>();
        windows.forEach(w -> results.add(batcher.submit(w)));

        for (int i = 0; i < windows.size(); i++) {
            assertThat(results.get(i).get(30, TimeUnit.SECONDS)).as("request %d", i).isDeepEqualTo(MODEL.forecast(windows.get(i)));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a full batch does not wait out max-wait")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(passes.get()).as("one pass for the eight").isEqualTo(1);
        assertThat(MODEL.forecast(windows.get(0))[0][0]).as("distinct windows, distinct forecasts: a mix-up would show")
                .isNotEqualTo(MODEL.forecast(windows.get(1))[0][0]);
    }

    @Test
    void aLoneRequestWaitsMaxWaitForCompanyThenRunsAlone() throws Exception {
        ForecastBatcher batcher = new ForecastBatcher(MODEL, new ForecastProperties.Batching(Duration.ofMillis(200), 8, 2), pool);
        float[][] window = windows(1).get(0);

        long started = System.nanoTime();
        float[][] forecast = batcher.submit(window).get(30, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(forecast).isDeepEqualTo(MODEL.forecast(window));
    }

    @Test
    void batchesTakeAtMostMaxBatchInArrivalOrderAndTheNextCollectsWhileOneRuns() {
        ManualExecutor executor = new ManualExecutor();
        ForecastBatcher batcher = new ForecastBatcher(MODEL, new ForecastProperties.Batching(Duration.ZERO, 2, 2), executor);
        List<CompletableFuture<float[][]>> results = new ArrayList<>();
        windows(5).forEach(w -> results.add(batcher.submit(w)));
        executor.doneWhenScheduled = () -> results.stream().filter(CompletableFuture::isDone).count();

        assertThat(executor.runNext()).isTrue();
        assertThat(results).extracting(CompletableFuture::isDone).containsExactly(true, true, false, false, false);
        assertThat(executor.runNext()).isTrue();
        assertThat(results).extracting(CompletableFuture::isDone).containsExactly(true, true, true, true, false);
        assertThat(executor.runNext()).isTrue();
        assertThat(results).allMatch(CompletableFuture::isDone);
        assertThat(executor.runNext()).as("three batches: 2 + 2 + 1").isFalse();
        assertThat(executor.doneAtScheduling).as("each next batch was started before the one before it ran").containsExactly(0L, 2L);
    }

    @Test
    void withOneConcurrentBatchTheNextStartsOnlyOnceTheRunningOneFinished() {
        ManualExecutor executor = new ManualExecutor();
        ForecastBatcher batcher = new ForecastBatcher(MODEL, new ForecastProperties.Batching(Duration.ZERO, 2, 1), executor);
        List<CompletableFuture<float[][]>> results = new ArrayList<>();
        windows(4).forEach(w -> results.add(batcher.submit(w)));
        executor.doneWhenScheduled = () -> results.stream().filter(CompletableFuture::isDone).count();

        while (executor.runNext()) {
            // each batch schedules the next when it ends
        }

        assertThat(results).allMatch(CompletableFuture::isDone);
        assertThat(executor.doneAtScheduling).containsExactly(2L);
    }

    @Test
    void aFailedPassFailsItsWholeBatchAndTheBatcherServesTheNextRequests() throws Exception {
        ManualExecutor executor = new ManualExecutor();
        ForecastBatcher batcher = new ForecastBatcher(MODEL, new ForecastProperties.Batching(Duration.ZERO, 2, 1), executor);
        CompletableFuture<float[][]> good = batcher.submit(windows(1).get(0));
        CompletableFuture<float[][]> bad = batcher.submit(new float[LAG - 1][SENSORS]);

        executor.runNext();

        assertThat(good).as("not left waiting").isDone();
        assertThat(bad).isCompletedExceptionally();
        assertThat(failure(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a window has 4 steps");

        float[][] window = windows(1).get(0);
        CompletableFuture<float[][]> next = batcher.submit(window);
        executor.runNext();
        assertThat(next.get()).isDeepEqualTo(MODEL.forecast(window));
    }

    @Test
    void whenTheExecutorRefusesEveryWaitingRequestFailsAtOnceInsteadOfHanging() {
        RejectedExecutionException refused = new RejectedExecutionException("shut down");
        ForecastBatcher batcher = new ForecastBatcher(MODEL, new ForecastProperties.Batching(Duration.ofSeconds(60), 8, 2), task -> {
            throw refused;
        });

        CompletableFuture<float[][]> first = batcher.submit(windows(1).get(0));
        CompletableFuture<float[][]> second = batcher.submit(windows(1).get(0));

        assertThat(failure(first)).isSameAs(refused);
        assertThat(failure(second)).as("a later request is refused too, not queued behind a batch that never runs")
                .isSameAs(refused);
    }

    /** Holds the batches' tasks until the test runs them, one at a time, on the test's thread. */
    private static final class ManualExecutor implements Executor {
        private final List<Runnable> tasks = new ArrayList<>();
        /** How many requests were answered whenever a batch was scheduled after the first. */
        private final List<Long> doneAtScheduling = new ArrayList<>();
        private LongSupplier doneWhenScheduled;

        @Override
        public void execute(Runnable task) {
            if (doneWhenScheduled != null) {
                doneAtScheduling.add(doneWhenScheduled.getAsLong());
            }
            tasks.add(task);
        }

        boolean runNext() {
            if (tasks.isEmpty()) {
                return false;
            }
            tasks.remove(0).run();
            return true;
        }
    }

    private static Throwable failure(CompletableFuture<?> f) {
        try {
            f.getNow(null);
            throw new AssertionError("completed normally");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    private static List<float[][]> windows(int count) {
        Random rnd = new Random(count);
        List<float[][]> windows = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            float[][] window = new float[LAG][SENSORS];
            for (float[] step : window) {
                for (int i = 0; i < SENSORS; i++) {
                    step[i] = 40 + 20 * rnd.nextFloat();
                }
            }
            windows.add(window);
        }
        return windows;
    }

    /** A linear model (no network) with random weights: cheap, and exact per window whatever the batch. */
    private static TrainedModel linearModel(Random rnd) {
        int horizon = 2;
        NetworkShape shape = new NetworkShape(SENSORS, 1, 1, 1, 2, 1, LAG, horizon);
        float[] weights = new float[SENSORS * LAG * SENSORS * horizon];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) rnd.nextGaussian() / LAG;
        }
        float[] intercept = new float[SENSORS * horizon];
        LinearForecaster linear = new LinearForecaster(SENSORS, LAG, horizon, new int[] {0, 1, 2}, 1.0, weights, intercept);
        float[] all = {1, 1, 1};
        ModelMetadata metadata = new ModelMetadata("linear", "tiny", Instant.EPOCH, List.of("a", "b", "c"), shape,
                TrainingConfig.defaults(SelectionMethod.PRUNEGCRN, 1.0), new ZScore(50, 10),
                new TrainingOutcome(all, all, SENSORS, 1, 1.0, List.of(), null, 0), 5);
        return new TrainedModel(metadata, null, linear);
    }
}
