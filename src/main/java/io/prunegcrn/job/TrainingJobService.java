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
     * What a job must pass before it is queued: its dataset exists (404), the epochs are within the service's cap, the
     * must-keep and must-drop sensors are the dataset's and fit the budget (400 naming the field). Sweeps check all their
     * jobs this way before they queue any.
     */
    public void check(String datasetId, TrainingConfig config) {
        datasets.info(datasetId);
        if (config.settings().epochs() > maxEpochs) {
            throw new IllegalArgumentException("epochs: at most " + maxEpochs + " allowed, got " + config.settings().epochs());
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

    /** True while a queued or running job trains on the dataset. */
    @Override
    public boolean usesDataset(String datasetId) {
        return store.all().stream().anyMatch(j -> j.datasetId().equals(datasetId) && !j.status().finished());
    }
}
