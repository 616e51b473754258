package io.prunegcrn.job;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.forecast.ModelRepository;
import io.prunegcrn.training.EpochRecord;
import io.prunegcrn.training.FileCheckpointStore;
import io.prunegcrn.training.PruneGcrnTrainer;
import io.prunegcrn.training.TrainingCancelledException;
import io.prunegcrn.training.TrainingControl;
import io.prunegcrn.training.TrainingInterruptedException;
import io.prunegcrn.training.TrainingListener;
import io.prunegcrn.training.TrainingProgress;
import io.prunegcrn.training.TrainingResult;

/**
 * Trains one job and records what happens in its record: status, progress, curve, then the model and the final
 * state. The one path of every runner: the in-process runner calls it on its threads, a trainer process
 * ({@link TrainerMain}) for the one job it was started for. The checkpoint is the same file for all, so a job moves
 * between runners and resumes where any of them stopped.
 */
final class JobTrainer {

    /** How a run ended: the job reached a final state, paused with a checkpoint, or training failed. */
    enum Outcome {
        FINISHED, PAUSED, FAILED
    }

    /** What a runner adds to the record writes (events, metrics); called on the training thread. */
    interface Observer {
        Observer NONE = new Observer() {
        };

        default void batch(TrainingJob job) {
        }

        default void epoch(TrainingJob job) {
        }

        default void finished(TrainingJob job) {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(JobTrainer.class);
    /** A trainer process writes batch progress to the record at most this often, for the service to read. */
    private static final long PROGRESS_WRITE_NANOS = 1_000_000_000L;

    private final JobStore store;
    private final DatasetCatalog datasets;
    private final ModelRepository models;
    /** Whether batch progress goes to disk (throttled) or stays in memory, where the service's own API reads it. */
    private final boolean writeBatchProgress;

    private JobTrainer(JobStore store, DatasetCatalog datasets, ModelRepository models, boolean writeBatchProgress) {
        this.store = store;
        this.datasets = datasets;
        this.models = models;
        this.writeBatchProgress = writeBatchProgress;
    }

    /** In the service: batch progress stays in memory; epochs and states are written. */
    static JobTrainer inService(JobStore store, DatasetCatalog datasets, ModelRepository models) {
        return new JobTrainer(store, datasets, models, false);
    }

    /** In a trainer process: batch progress also reaches the record, at most once a second. */
    static JobTrainer inTrainerProcess(JobStore store, DatasetCatalog datasets, ModelRepository models) {
        return new JobTrainer(store, datasets, models, true);
    }

    /** Marks the job RUNNING; runners call it where they have decided that it starts. */
    TrainingJob start(TrainingJob job) {
        TrainingJob running = job.started(Instant.now());
        store.save(running);
        if (Files.exists(store.checkpoint(job.id()))) {
            log.info("job {}: resuming from its checkpoint after {} finished epochs", job.id(), job.curve().size());
        } else {
            log.info("job {}: starting on dataset {}", job.id(), job.datasetId());
        }
        return running;
    }

    /** Trains a started job until it finishes, is cancelled, or pauses ({@code control}) with a checkpoint. */
    Outcome train(TrainingJob job, TrainingControl control, Observer observer) {
        String id = job.id();
        FileCheckpointStore checkpoint = new FileCheckpointStore(store.checkpoint(id));
        try {
            TrafficDataset dataset = datasets.get(job.datasetId());
            String warmStart = job.config().settings().warmStart();
            TrainingResult result = new PruneGcrnTrainer().train(dataset, job.config(),
                    warmStart == null || checkpoint.exists() ? null : models.parameters(warmStart),
                    new RecordWriter(job, observer), control, checkpoint);
            models.save(id, dataset, result);
            observer.finished(finish(id, JobStatus.SUCCEEDED, null, id));
            checkpoint.delete();
            return Outcome.FINISHED;
        } catch (TrainingCancelledException e) {
            return cancelled(id, observer);
        } catch (TrainingInterruptedException e) {
            if (control.cancelRequested()) {
                // stopped for a cancel (the service deleted the Job or stopped the child): that is what it was for
                return cancelled(id, observer);
            }
            store.save(store.get(id).with(JobStatus.QUEUED));
            log.info("job {} paused with a checkpoint: {}", id, e.getMessage());
            return Outcome.PAUSED;
        } catch (RuntimeException | OutOfMemoryError e) {
            log.warn("job {} failed", id, e);
            observer.finished(finish(id, JobStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), null));
            return Outcome.FAILED;
        }
    }

    /** Records the job CANCELLED and drops its checkpoint (also for a job cancelled before it started). */
    Outcome cancelled(String id, Observer observer) {
        observer.finished(finish(id, JobStatus.CANCELLED, null, null));
        new FileCheckpointStore(store.checkpoint(id)).delete();
        return Outcome.FINISHED;
    }

    private TrainingJob finish(String id, JobStatus status, String error, String modelId) {
        TrainingJob cached = store.get(id);
        TrainingJob current = cached != null ? cached : store.read(id).orElseThrow();
        TrainingJob done = current.finished(status, error, modelId, Instant.now());
        store.save(done);
        log.info("job {} {}", id, status);
        return done;
    }

    /** Writes progress into the record: every epoch to disk, batches to memory (and to disk when asked, throttled). */
    private final class RecordWriter implements TrainingListener {
        private final String id;
        private final Observer observer;
        private final List<EpochRecord> curve;
        private long lastWrite = System.nanoTime();

        RecordWriter(TrainingJob job, Observer observer) {
            this.id = job.id();
            this.observer = observer;
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
            observer.batch(job);
        }

        @Override
        public void onEpoch(EpochRecord record, TrainingProgress p) {
            curve.removeIf(e -> e.epoch() == record.epoch());
            curve.add(record);
            TrainingJob job = store.get(id).progressed(p, List.copyOf(curve));
            store.save(job);
            lastWrite = System.nanoTime();
            observer.epoch(job);
        }
    }
}
