package io.prunegcrn.job;

import java.time.Instant;
import java.util.List;

import io.prunegcrn.training.EpochRecord;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingProgress;

/**
 * A request to train one model, and where it stands. Persisted as {@code jobs/{id}/job.json}.
 *
 * @param progress latest progress report, null before the first batch
 * @param curve    finished epochs so far
 * @param error    why it failed, when it did
 * @param modelId  the model it produced (same id as the job), once it succeeded
 * @param sweepId  the sweep it belongs to, if any
 */
public record TrainingJob(String id, String datasetId, TrainingConfig config, JobStatus status, TrainingProgress progress,
        List<EpochRecord> curve, String error, Instant createdAt, Instant startedAt, Instant finishedAt, String modelId,
        String sweepId) {

    TrainingJob with(JobStatus newStatus) {
        return next(newStatus, progress, curve, error, startedAt, finishedAt, modelId);
    }

    TrainingJob started(Instant at) {
        return next(JobStatus.RUNNING, progress, curve, null, startedAt == null ? at : startedAt, null, modelId);
    }

    TrainingJob finished(JobStatus newStatus, String why, String model, Instant at) {
        return next(newStatus, progress, curve, why, startedAt, at, model);
    }

    TrainingJob progressed(TrainingProgress p, List<EpochRecord> epochs) {
        return next(status, p, epochs, error, startedAt, finishedAt, modelId);
    }

    /** The one copy: what a request fixed (id, dataset, config, creation, sweep) stays, the rest is where it stands now. */
    private TrainingJob next(JobStatus status, TrainingProgress progress, List<EpochRecord> curve, String error,
            Instant startedAt, Instant finishedAt, String modelId) {
        return new TrainingJob(id, datasetId, config, status, progress, curve, error, createdAt, startedAt, finishedAt, modelId,
                sweepId);
    }
}
