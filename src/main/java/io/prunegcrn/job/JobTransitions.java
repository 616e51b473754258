package io.prunegcrn.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prunegcrn.training.EpochRecord;
import io.prunegcrn.training.TrainingListener;
import io.prunegcrn.training.TrainingProgress;

/**
 * The one owner of a job's transitions: queued, running, back to queued (paused, or its trainer gone), succeeded,
 * failed or cancelled, and its progress while it runs. Runners decide when a job moves; this class records the move
 * and then tells the job's followers ({@link JobEvents}). States and finished epochs are written to {@code job.json};
 * batch progress stays in memory, where the service's API reads it, except in a trainer process, whose only way to
 * the service is the record (written at most once a second).
 */
final class JobTransitions {

    private static final Logger log = LoggerFactory.getLogger(JobTransitions.class);
    /** A trainer process writes batch progress to the record at most this often, for the service to read. */
    private static final long PROGRESS_WRITE_NANOS = 1_000_000_000L;

    private final JobStore store;
    private final JobEvents events;
    private final boolean writeBatchProgress;

    private JobTransitions(JobStore store, JobEvents events, boolean writeBatchProgress) {
        this.store = store;
        this.events = events;
        this.writeBatchProgress = writeBatchProgress;
    }

    /** In the service: followers hear every change; batch progress stays in memory. */
    static JobTransitions inService(JobStore store, JobEvents events) {
        return new JobTransitions(store, events, false);
    }

    /** In a trainer process: nobody follows the job here (the service reads its record), so batches reach the disk. */
    static JobTransitions inTrainerProcess(JobStore store) {
        return new JobTransitions(store, new JobEvents(), true);
    }

    /** A new QUEUED job; nobody follows it yet. */
    void accepted(TrainingJob job) {
        store.save(job);
    }

    TrainingJob started(TrainingJob job) {
        return record(job.started(Instant.now()));
    }

    /** Back on the queue: paused with a checkpoint, taken up after a restart, or its trainer is gone. */
    TrainingJob queuedAgain(TrainingJob job) {
        return record(job.with(JobStatus.QUEUED));
    }

    /** Finishes the job as this process holds it, or as it is on disk (a trainer process that has not loaded it). */
    TrainingJob finished(String id, JobStatus status, String error, String modelId) {
        TrainingJob cached = store.get(id);
        return finished(cached != null ? cached : store.read(id).orElseThrow(), status, error, modelId);
    }

    TrainingJob finished(TrainingJob job, JobStatus status, String error, String modelId) {
        TrainingJob done = record(job.finished(status, error, modelId, Instant.now()));
        log.info("job {} {}{}", job.id(), status, error == null ? "" : ": " + error);
        return done;
    }

    /**
     * A record another process wrote (a trainer, another replica), or the runner's view of it: kept in memory, where
     * {@code known} was (null: not held until now); followers hear what changed.
     */
    void observed(TrainingJob known, TrainingJob now) {
        store.put(now);
        if (known == null) {
            return;
        }
        if (known.status() != now.status()) {
            events.status(now);
        } else if (!Objects.equals(known.progress(), now.progress())) {
            events.progress(now);
        }
    }

    /** Records the progress of a started job's run: its batches and its finished epochs (the curve). */
    TrainingListener progressOf(TrainingJob job) {
        return new ProgressRecorder(job);
    }

    private TrainingJob record(TrainingJob job) {
        store.save(job);
        events.status(job);
        return job;
    }

    private final class ProgressRecorder implements TrainingListener {
        private final String id;
        private final List<EpochRecord> curve;
        private long lastWrite = System.nanoTime();

        ProgressRecorder(TrainingJob job) {
            this.id = job.id();
            this.curve = new ArrayList<>(job.curve());
        }

        @Override
        public void onBatch(TrainingProgress p) {
            TrainingJob job = store.get(id).progressed(p, List.copyOf(curve));
            long now = System.nanoTime();
            if (writeBatchProgress && now - lastWrite >= PROGRESS_WRITE_NANOS) {
                store.save(job);
                lastWrite = now;
            } else {
                store.put(job);
            }
            events.progress(job);
        }

        @Override
        public void onEpoch(EpochRecord record, TrainingProgress p) {
            curve.removeIf(e -> e.epoch() == record.epoch());
            curve.add(record);
            TrainingJob job = store.get(id).progressed(p, List.copyOf(curve));
            store.save(job);
            lastWrite = System.nanoTime();
            events.progress(job);
        }
    }
}
