package io.prunegcrn.job;

import java.nio.file.Files;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.model.ModelRepository;
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
 * Trains one job: the model it produced and its state as the run ends, its progress on the way, all recorded through
 * {@link JobTransitions}. The one path of every runner: the in-process runner calls it on its threads, a trainer process
 * ({@link TrainerMain}) for the one job it was started for. The checkpoint is the same file for all, so a job moves
 * between runners and resumes where any of them stopped.
 */
final class JobTrainer {

    /** How a run ended: the job reached a final state, paused with a checkpoint, or training failed. */
    enum Outcome {
        FINISHED, PAUSED, FAILED
    }

    private static final Logger log = LoggerFactory.getLogger(JobTrainer.class);

    private final JobStore store;
    private final JobTransitions transitions;
    private final DatasetCatalog datasets;
    private final ModelRepository models;
    private final Consumer<String> storeSensorErrors;

    /** @param storeSensorErrors the job's last step before SUCCEEDED ({@code SensorErrorService::storeFor}) */
    JobTrainer(JobStore store, JobTransitions transitions, DatasetCatalog datasets, ModelRepository models,
            Consumer<String> storeSensorErrors) {
        this.store = store;
        this.transitions = transitions;
        this.datasets = datasets;
        this.models = models;
        this.storeSensorErrors = storeSensorErrors;
    }

    /** Marks the job RUNNING; runners call it where they have decided that it starts. */
    TrainingJob start(TrainingJob job) {
        TrainingJob running = transitions.started(job);
        if (Files.exists(store.checkpoint(job.id()))) {
            log.info("job {}: resuming from its checkpoint after {} finished epochs", job.id(), job.curve().size());
        } else {
            log.info("job {}: starting on dataset {}", job.id(), job.datasetId());
        }
        return running;
    }

    /**
     * Trains a started job until it finishes, is cancelled, or pauses ({@code control}) with a checkpoint.
     * {@code timing} hears of every batch and epoch before they are recorded (the runner's step timer).
     */
    Outcome train(TrainingJob job, TrainingControl control, TrainingListener timing) {
        String id = job.id();
        FileCheckpointStore checkpoint = new FileCheckpointStore(store.checkpoint(id));
        TrainingListener progress = transitions.progressOf(job);
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onBatch(TrainingProgress p) {
                timing.onBatch(p);
                progress.onBatch(p);
            }

            @Override
            public void onEpoch(EpochRecord record, TrainingProgress p) {
                progress.onEpoch(record, p);
                timing.onEpoch(record, p); // after: the time an epoch's validation and record take is no batch's
            }
        };
        try {
            TrafficDataset dataset = datasets.get(job.datasetId());
            String warmStart = job.config().settings().warmStart();
            TrainingResult result = new PruneGcrnTrainer().train(dataset, job.config(),
                    warmStart == null || checkpoint.exists() ? null : models.parameters(warmStart), listener, control,
                    checkpoint);
            models.save(id, dataset, result);
            // a pass over the test split before SUCCEEDED, so that the model's page shows them at once
            storeSensorErrors.accept(id);
            transitions.finished(id, JobStatus.SUCCEEDED, null, id);
            checkpoint.delete();
            return Outcome.FINISHED;
        } catch (TrainingCancelledException e) {
            return cancelled(id);
        } catch (TrainingInterruptedException e) {
            if (control.cancelRequested()) {
                // stopped for a cancel (the service deleted the Job or stopped the child): that is what it was for
                return cancelled(id);
            }
            transitions.queuedAgain(store.get(id));
            log.info("job {} paused with a checkpoint: {}", id, e.getMessage());
            return Outcome.PAUSED;
        } catch (RuntimeException | OutOfMemoryError e) {
            log.warn("job {} failed", id, e);
            transitions.finished(id, JobStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
            return Outcome.FAILED;
        }
    }

    /** Records the job CANCELLED and drops its checkpoint (also for a job cancelled before it started). */
    Outcome cancelled(String id) {
        transitions.finished(id, JobStatus.CANCELLED, null, null);
        new FileCheckpointStore(store.checkpoint(id)).delete();
        return Outcome.FINISHED;
    }
}
