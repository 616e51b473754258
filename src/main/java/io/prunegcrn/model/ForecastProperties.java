package io.prunegcrn.model;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How forecasts are served, under {@code prunegcrn.forecast.*}.
 *
 * @param batching     dynamic batching of concurrent forecast requests for the same model
 * @param backtest     forecasts over a range of steps
 * @param releaseAfter a model that has not forecast for this long frees its per-node weights (formed again, in tens of
 *                     milliseconds, by the next forecast)
 * @param limits       how many expensive reads run and wait at once ({@link ComputePools})
 */
@ConfigurationProperties("prunegcrn.forecast")
public record ForecastProperties(@DefaultValue Batching batching, @DefaultValue Backtest backtest,
        @DefaultValue("5m") Duration releaseAfter, @DefaultValue Limits limits) {

    public ForecastProperties {
        if (releaseAfter.isNegative() || releaseAfter.isZero()) {
            throw new IllegalArgumentException("prunegcrn.forecast.release-after must be positive");
        }
        if (batching.maxBatch() < 1 || batching.concurrentBatches() < 1 || batching.maxWait().isNegative()) {
            throw new IllegalArgumentException("prunegcrn.forecast.batching: max-batch and concurrent-batches must be at least 1, "
                    + "max-wait not negative");
        }
        if (backtest.batchSize() < 1 || backtest.maxBatchSize() < backtest.batchSize()) {
            throw new IllegalArgumentException("prunegcrn.forecast.backtest: need 1 <= batch-size <= max-batch-size");
        }
    }

    /**
     * @param maxWait           how long the first request of a batch waits for others to join it
     * @param maxBatch          the most windows in one batch
     * @param concurrentBatches batches of one model that may run at once (each holds its own arrays: a few MB per
     *                          window at N = 307)
     */
    public record Batching(@DefaultValue("3ms") Duration maxWait, @DefaultValue("8") int maxBatch,
            @DefaultValue("2") int concurrentBatches) {
    }

    /**
     * @param backtests backtests (of a model, of a sweep's models one after another) and per-sensor errors computed on
     *                  request: each uses the cores for seconds to minutes
     * @param forecasts forecasts computed for a request (a cached one needs no slot): milliseconds each; the default lets
     *                  the batcher form full batches (max-batch × concurrent-batches)
     */
    public record Limits(@DefaultValue BacktestLimit backtests, @DefaultValue ForecastLimit forecasts) {
    }

    /**
     * @param concurrent at most this many at once
     * @param queue      this many more wait for a slot, in order; beyond: 429 with Retry-After
     * @param retryAfter what Retry-After says then
     */
    public record BacktestLimit(@DefaultValue("2") int concurrent, @DefaultValue("8") int queue,
            @DefaultValue("10s") Duration retryAfter) {
    }

    /** As {@link BacktestLimit}, for computed forecasts. */
    public record ForecastLimit(@DefaultValue("16") int concurrent, @DefaultValue("64") int queue,
            @DefaultValue("1s") Duration retryAfter) {
    }

    /**
     * @param batchSize    windows per pass when the request does not say
     * @param maxBatchSize the largest batch a request may ask for (larger: 400)
     */
    public record Backtest(@DefaultValue("64") int batchSize, @DefaultValue("128") int maxBatchSize) {
    }
}
