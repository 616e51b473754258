package io.prunegcrn.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.prunegcrn.config.PruneGcrnProperties;
import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.DatasetUsers;
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
    private final int maxEpochs;

    TrainingJobService(JobStore store, JobRunner runner, DatasetCatalog datasets, PruneGcrnProperties properties) {
        this.store = store;
        this.runner = runner;
        this.datasets = datasets;
        this.maxEpochs = properties.training().maxEpochs();
    }

    /** Queues a job; 429 when the queue is full, 404 for an unknown dataset. */
    public TrainingJob submit(String datasetId, TrainingConfig config, String sweepId) {
        datasets.info(datasetId);
        if (config.epochs() > maxEpochs) {
            throw new IllegalArgumentException("epochs: at most " + maxEpochs + " allowed, got " + config.epochs());
        }
        String id = "job-" + UUID.randomUUID().toString().substring(0, 12);
        TrainingJob job = new TrainingJob(id, datasetId, config, JobStatus.QUEUED, null, List.of(), null, Instant.now(),
                null, null, null, sweepId);
        runner.submit(job);
        return job;
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

    /** True while a queued or running job trains on the dataset. */
    @Override
    public boolean usesDataset(String datasetId) {
        return store.all().stream().anyMatch(j -> j.datasetId().equals(datasetId) && !j.status().finished());
    }
}
