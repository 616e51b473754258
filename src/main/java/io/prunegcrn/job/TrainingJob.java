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
        return new TrainingJob(id, datasetId, config, newStatus, progress, curve, error, createdAt, startedAt, finishedAt,
                modelId, sweepId);
    }

    TrainingJob started(Instant at) {
        return new TrainingJob(id, datasetId, config, JobStatus.RUNNING, progress, curve, null, createdAt,
                startedAt == null ? at : startedAt, null, modelId, sweepId);
    }

    TrainingJob finished(JobStatus newStatus, String why, String model, Instant at) {
        return new TrainingJob(id, datasetId, config, newStatus, progress, curve, why, createdAt, startedAt, at, model, sweepId);
    }

    TrainingJob progressed(TrainingProgress p, List<EpochRecord> epochs) {
        return new TrainingJob(id, datasetId, config, status, p, epochs, error, createdAt, startedAt, finishedAt, modelId, sweepId);
    }
}
