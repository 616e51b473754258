package io.prunegcrn.job;

import java.util.Optional;

/**
 * Runs the trainer entry point ({@link TrainerMain}) for a job outside the service: a child JVM or a Kubernetes
 * Job. The trainer writes the job's record; the runner only starts, stops and reports on trainers, and restarts one
 * that died while it may (its backoff limit), so a job that comes back FAILED has failed for good.
 */
interface ExternalRunner extends AutoCloseable {

    /** Where a job's trainer stands. {@code reason} says why it failed (e.g. OOMKilled, killed by SIGKILL). */
    record RunState(Phase phase, String reason) {

        enum Phase {
            /** accepted, not running yet (a pod waiting for a node) */
            PENDING,
            RUNNING,
            /** the trainer exited normally: the record holds the final state */
            SUCCEEDED,
            /** it died, also after its restarts */
            FAILED
        }

        boolean ended() {
            return phase == Phase.SUCCEEDED || phase == Phase.FAILED;
        }
    }

    /** Starts a trainer for the job; a job that already has one is left alone. */
    void launch(TrainingJob job);

    /** Stops the job's trainer with SIGTERM (it checkpoints first); nothing when it has none. */
    void stop(String jobId);

    /** The job's trainer as the runner knows it; empty when it started none for it (or it is gone). */
    Optional<RunState> state(String jobId);

    /** Trainers not ended: what counts against {@code max-parallel-jobs}. */
    int activeCount();

    /** The runner may drop what it knows of an ended trainer. */
    default void forget(String jobId) {
    }

    /** False until the runner knows what already runs (Kubernetes: the informer's first list). */
    default boolean ready() {
        return true;
    }

    @Override
    void close();
}
