package io.prunegcrn.job;

import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.prunegcrn.training.EpochRecord;
import io.prunegcrn.training.TrainingListener;
import io.prunegcrn.training.TrainingProgress;

/** {@code prunegcrn.jobs} (jobs by status) and {@code prunegcrn.training.step} (one batch trained in this JVM). */
@Component
final class JobMetrics {

    private final Timer step;

    JobMetrics(MeterRegistry registry, JobStore store) {
        this.step = Timer.builder("prunegcrn.training.step").description("Time of one training batch (forward, backward, Adam)")
                .register(registry);
        for (JobStatus s : JobStatus.values()) {
            Gauge.builder("prunegcrn.jobs", store.memory(), m -> m.values().stream().filter(j -> j.status() == s).count())
                    .tag("status", s.name()).description("Training jobs by status").register(registry);
        }
    }

    /** Times the batches of one run; the time after an epoch (validation, checkpoint) is left out. */
    TrainingListener stepClock() {
        return new StepClock();
    }

    private final class StepClock implements TrainingListener {
        private long last = System.nanoTime();

        @Override
        public void onBatch(TrainingProgress progress) {
            long now = System.nanoTime();
            step.record(now - last, TimeUnit.NANOSECONDS);
            last = now;
        }

        @Override
        public void onEpoch(EpochRecord record, TrainingProgress progress) {
            last = System.nanoTime();
        }
    }
}
