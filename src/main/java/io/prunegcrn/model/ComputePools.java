package io.prunegcrn.model;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The two {@link ComputePool}s of the service, sized by {@code prunegcrn.forecast.limits.*}: backtests (and per-sensor
 * errors computed on request) hold a slot for seconds to minutes; a computed forecast for milliseconds, so its pool
 * is wide enough for the forecast batcher to fill its batches. Cached forecasts and stored results need no slot.
 */
@Component
public class ComputePools {

    private final ComputePool backtests;
    private final ComputePool forecasts;

    public ComputePools(ForecastProperties properties, MeterRegistry registry) {
        ForecastProperties.BacktestLimit b = properties.limits().backtests();
        ForecastProperties.ForecastLimit f = properties.limits().forecasts();
        this.backtests = new ComputePool("backtests", b.concurrent(), b.queue(), b.retryAfter());
        this.forecasts = new ComputePool("forecasts", f.concurrent(), f.queue(), f.retryAfter());
        for (ComputePool p : new ComputePool[] { backtests, forecasts }) {
            String pool = p == backtests ? "backtests" : "forecasts";
            Gauge.builder("prunegcrn.compute.running", p, ComputePool::running).tag("pool", pool)
                    .description("Expensive reads running").register(registry);
            Gauge.builder("prunegcrn.compute.waiting", p, ComputePool::waiting).tag("pool", pool)
                    .description("Expensive reads waiting for a slot").register(registry);
            FunctionCounter.builder("prunegcrn.compute.rejected", p, ComputePool::rejected).tag("pool", pool)
                    .description("Expensive reads answered 429").register(registry);
        }
    }

    public ComputePool backtests() {
        return backtests;
    }

    public ComputePool forecasts() {
        return forecasts;
    }
}
