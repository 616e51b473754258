package io.prunegcrn.job;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

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
 * Trains one job of the data directory in this process, outside the service: the trainer side of the
 * {@code process} and {@code kubernetes} runners. While it runs it owns the job's record and writes it as the
 * in-process runner does (status, progress, curve, then the model and the final status); the checkpoint is the
 * same file, so a job moves between runners and resumes where any of them stopped.
 */
final class JobTrainer {

    /** Exit status of a run that stopped with a checkpoint (SIGTERM) and should be started again. */
    static final int EXIT_PAUSED = 75;
    private static final Logger log = LoggerFactory.getLogger(JobTrainer.class);
    /** Batch progress reaches the record at most this often; epochs always do. */
    private static final long PROGRESS_WRITE_NANOS = 1_000_000_000L;

    private final JobStore store;
    private final DatasetCatalog datasets;
    private final ModelRepository models;

    JobTrainer(JobStore store, DatasetCatalog datasets, ModelRepository models) {
        this.store = store;
        this.datasets = datasets;
        this.models = models;
    }

    /**
     * Trains the job to its end, or until {@code pause} turns true (a checkpoint is saved first).
     *
     * @return the process exit status: 0 when the job reached a final state, {@link #EXIT_PAUSED} when paused, 1 when it failed
     */
    int train(String id, BooleanSupplier pause) {
        TrainingJob job = store.read(id).orElseThrow(() -> new IllegalArgumentException("no job record for " + id));
        if (job.status().finished()) {
            log.info("job {} is already {}; nothing to train", id, job.status());
            return 0;
        }
        FileCheckpointStore checkpoint = new FileCheckpointStore(store.checkpoint(id));
        if (store.cancelRequested(id)) {
            finish(id, JobStatus.CANCELLED, null, null);
            checkpoint.delete();
            return 0;
        }
        job = job.started(Instant.now());
        store.save(job);
        if (Files.exists(store.checkpoint(id))) {
            log.info("job {}: resuming from its checkpoint after {} finished epochs", id, job.curve().size());
        } else {
            log.info("job {}: starting on dataset {}", id, job.datasetId());
        }
        TrainingControl control = new TrainingControl() {
            @Override
            public boolean cancelRequested() {
                return store.cancelRequested(id);
            }

            @Override
            public boolean pauseRequested() {
                return pause.getAsBoolean();
            }
        };
        try {
            TrafficDataset dataset = datasets.get(job.datasetId());
            TrainingResult result = new PruneGcrnTrainer().train(dataset, job.config(), new RecordWriter(job), control, checkpoint);
            models.save(id, dataset, result);
            finish(id, JobStatus.SUCCEEDED, null, id);
            checkpoint.delete();
            return 0;
        } catch (TrainingCancelledException e) {
            finish(id, JobStatus.CANCELLED, null, null);
            checkpoint.delete();
            return 0;
        } catch (TrainingInterruptedException e) {
            if (store.cancelRequested(id)) {
                // SIGTERM because the service deleted the Job or stopped the child for a cancel
                finish(id, JobStatus.CANCELLED, null, null);
                checkpoint.delete();
                return 0;
            }
            store.save(store.get(id).with(JobStatus.QUEUED));
            log.info("job {} paused with a checkpoint: {}", id, e.getMessage());
            return EXIT_PAUSED;
        } catch (RuntimeException | OutOfMemoryError e) {
            log.warn("job {} failed", id, e);
            finish(id, JobStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
            return 1;
        }
    }

    private void finish(String id, JobStatus status, String error, String modelId) {
        TrainingJob cached = store.get(id);
        TrainingJob current = cached != null ? cached : store.read(id).orElseThrow();
        store.save(current.finished(status, error, modelId, Instant.now()));
        log.info("job {} {}", id, status);
    }

    /** Writes progress into the record: every epoch, and batches at most once a second. */
    private final class RecordWriter implements TrainingListener {
        private final String id;
        private final List<EpochRecord> curve;
        private long lastWrite = System.nanoTime();

        RecordWriter(TrainingJob job) {
            this.id = job.id();
            this.curve = new ArrayList<>(job.curve());
        }

        @Override
        public void onBatch(TrainingProgress p) {
            TrainingJob job = store.get(id).progressed(p, List.copyOf(curve));
            long now = System.nanoTime();
            if (now - lastWrite >= PROGRESS_WRITE_NANOS) {
                store.save(job);
                lastWrite = now;
            } else {
                store.put(job);
            }
        }

        @Override
        public void onEpoch(EpochRecord record, TrainingProgress p) {
            curve.removeIf(e -> e.epoch() == record.epoch());
            curve.add(record);
            store.save(store.get(id).progressed(p, List.copyOf(curve)));
            lastWrite = System.nanoTime();
        }
    }
}
