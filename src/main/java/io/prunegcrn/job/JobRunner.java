package io.prunegcrn.job;

import java.util.Optional;

import io.prunegcrn.system.ResourceConflictException;

/**
 * What runs the accepted jobs: threads of this service ({@link InProcessJobRunner}) or trainers outside it
 * ({@link ExternalJobQueue}), chosen by {@code prunegcrn.training.runner} ({@link JobConfiguration}). The service
 * facade keeps the API's rules; the runner decides when a job trains and how a cancel reaches it.
 */
interface JobRunner extends AutoCloseable {

    /**
     * Loads the job records on disk and takes up the unfinished ones: queues them again, or re-attaches to their
     * trainers. Called once, when the application has started; records this process already holds are kept.
     */
    void recover();

    /** Accepts a new QUEUED job and writes its record; {@code QueueFullException} (nothing kept) when the queue is full. */
    void submit(TrainingJob job);

    /** Cancels a queued or running job; 409 when it already finished. Answers the record as it is after the request. */
    TrainingJob cancel(String id);

    /** How many jobs train at once. */
    int parallelJobs();

    /** A record this replica does not hold yet (another replica accepted it since this one last looked). */
    default Optional<TrainingJob> lookup(String id) {
        return Optional.empty();
    }

    /** Stops taking up jobs; a running one finishes its batch and keeps a checkpoint where the runner can. */
    @Override
    void close();

    static TrainingJob requireUnfinished(TrainingJob job) {
        if (job.status().finished()) {
            throw new ResourceConflictException("training job '" + job.id() + "' has already finished (" + job.status() + ")");
        }
        return job;
    }
}
