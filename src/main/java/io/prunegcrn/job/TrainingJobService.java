package io.prunegcrn.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;

import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.DatasetUsers;
import io.prunegcrn.model.ModelRepository;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.system.ResourceConflictException;
import io.prunegcrn.system.ResourceNotFoundException;
import io.prunegcrn.training.TrainingConfig;

/**
 * Training jobs as the API and sweeps see them: submit, read, cancel. Every job is a file
 * ({@code jobs/{id}/job.json}, {@link JobStore}) written at each state change and epoch; its checkpoint sits beside it.
 * What trains them is the {@link JobRunner}: threads of this service, or trainers outside it.
 */
@Service
public class TrainingJobService implements DatasetUsers {

    private final JobStore store;
    private final JobRunner runner;
    private final DatasetCatalog datasets;
    private final ModelRepository models;
    private final JobEvents events;
    private final int maxEpochs;

    TrainingJobService(JobStore store, JobRunner runner, DatasetCatalog datasets, ModelRepository models, JobEvents events,
            TrainingProperties properties) {
        this.store = store;
        this.runner = runner;
        this.datasets = datasets;
        this.models = models;
        this.events = events;
        this.maxEpochs = properties.maxEpochs();
    }

    /** Queues a job after {@link #check}; 429 when the queue is full. */
    public TrainingJob submit(String datasetId, TrainingConfig config, String sweepId) {
        check(datasetId, config);
        String id = "job-" + UUID.randomUUID().toString().substring(0, 12);
        TrainingJob job = new TrainingJob(id, datasetId, config, JobStatus.QUEUED, null, List.of(), null, Instant.now(),
                null, null, null, sweepId);
        runner.submit(job);
        return job;
    }

    /**
     * Every check of a job that needs the service's state, before it is queued: its dataset exists (404), the epochs are
     * within the service's cap, the warm start fits, the must-keep and must-drop sensors are the dataset's and fit the
     * budget (400 naming the field). Sweeps check all their jobs this way before they queue any.
     */
    public void check(String datasetId, TrainingConfig config) {
        datasets.info(datasetId);
        if (config.settings().epochs() > maxEpochs) {
            throw new IllegalArgumentException("epochs: at most " + maxEpochs + " allowed, got " + config.settings().epochs());
        }
        String from = config.settings().warmStart();
        if (from != null) {
            WarmStart.check(models.find(from).orElseThrow(() -> new IllegalArgumentException(
                    "warmStart: there is no model " + from)), datasetId, config);
        }
        if (config.constrained()) {
            config.constraintsOn(datasets.get(datasetId).series().sensorIds());
        }
    }

    /** Newest first. */
    List<TrainingJob> list(String datasetId, JobStatus status) {
        List<TrainingJob> all = new ArrayList<>();
        for (TrainingJob j : store.all()) {
            if ((datasetId == null || datasetId.equals(j.datasetId())) && (status == null || status == j.status())) {
                all.add(j);
            }
        }
        all.sort(Comparator.comparing(TrainingJob::createdAt).reversed());
        return all;
    }

    public TrainingJob get(String id) {
        DataDirectory.requireValidId(id);
        TrainingJob job = store.get(id);
        if (job == null) {
            job = runner.lookup(id).orElse(null);
        }
        if (job == null) {
            throw new ResourceNotFoundException("training job", id);
        }
        return job;
    }

    /** Cancels a queued or running job (a running one stops before its next batch); 409 when it already finished. */
    public TrainingJob cancel(String id) {
        get(id);
        return runner.cancel(id);
    }

    /**
     * Deletes a finished job's record, its log and checkpoint (its model stays); 409 while it is queued or running, and
     * for a job of another sweep than {@code sweepId} (null: jobs of no sweep), whose report needs it.
     */
    public void deleteRecord(String id, String sweepId) {
        TrainingJob job = get(id);
        if (!job.status().finished()) {
            throw new ResourceConflictException("training job '" + id + "' is " + job.status() + "; cancel it first");
        }
        if (job.sweepId() != null && !job.sweepId().equals(sweepId)) {
            throw new ResourceConflictException("training job '" + id + "' belongs to sweep '" + job.sweepId()
                    + "'; delete the sweep instead");
        }
        store.forget(id);
    }

    /**
     * Runs {@code then} once, when the job has finished (at once if it has): on the thread that settles the job, so it
     * must be quick.
     */
    public void whenFinished(String jobId, Consumer<TrainingJob> then) {
        AtomicBoolean ran = new AtomicBoolean();
        Consumer<TrainingJob> once = j -> {
            if (j.status().finished() && ran.compareAndSet(false, true)) {
                then.accept(j);
            }
        };
        events.subscribe(jobId, new JobEvents.Listener() {
            @Override
            public void progress(TrainingJob job) {
            }

            @Override
            public void status(TrainingJob job) {
                once.accept(job);
            }
        });
        once.accept(get(jobId)); // it may have finished before the subscription
    }

    /** Calls {@code listener} on every status change of the job (on the thread that settles it); returns the unsubscribe. */
    public Runnable onStatus(String jobId, Consumer<TrainingJob> listener) {
        return events.subscribe(jobId, new JobEvents.Listener() {
            @Override
            public void progress(TrainingJob job) {
            }

            @Override
            public void status(TrainingJob job) {
                listener.accept(job);
            }
        });
    }

    /** How many jobs train at once (the runner's setting). */
    public int parallelJobs() {
        return runner.parallelJobs();
    }

    /** True while a queued or running job trains on the dataset. */
    @Override
    public boolean usesDataset(String datasetId) {
        return store.all().stream().anyMatch(j -> j.datasetId().equals(datasetId) && !j.status().finished());
    }
}
