package io.prunegcrn.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.prunegcrn.config.PruneGcrnProperties;
import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.dataset.TrafficDataset;
import io.prunegcrn.forecast.ModelRepository;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.system.QueueFullException;
import io.prunegcrn.system.ResourceConflictException;
import io.prunegcrn.system.ResourceNotFoundException;
import io.prunegcrn.training.EpochRecord;
import io.prunegcrn.training.FileCheckpointStore;
import io.prunegcrn.training.PruneGcrnTrainer;
import io.prunegcrn.training.TrainingCancelledException;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingControl;
import io.prunegcrn.training.TrainingInterruptedException;
import io.prunegcrn.training.TrainingListener;
import io.prunegcrn.training.TrainingProgress;
import io.prunegcrn.training.TrainingResult;

/**
 * Runs training jobs on a bounded executor. Every job is a file ({@code jobs/{id}/job.json}) written at each
 * state change and epoch; its checkpoint sits beside it. After a restart, queued and running jobs are queued
 * again and resume from their last checkpoint. On shutdown the running job finishes its batch, saves a
 * checkpoint and stays queued for the next start.
 * <p>
 * With {@code prunegcrn.training.runner} = {@code process} or {@code kubernetes} the jobs train in trainers outside
 * this JVM instead ({@link ExternalJobQueue}): the executor stays idle, and the data directory is the queue.
 */
@Service
public class TrainingJobService implements DisposableBean {

    static final String AREA = JobStore.AREA;
    private static final Logger log = LoggerFactory.getLogger(TrainingJobService.class);

    private final DataDirectory dir;
    private final DatasetCatalog datasets;
    private final ModelRepository models;
    private final JobEvents events;
    private final PruneGcrnProperties properties;
    private final PruneGcrnTrainer trainer = new PruneGcrnTrainer();
    private final ThreadPoolExecutor executor;
    private final JobStore store;
    private final Map<String, TrainingJob> jobs;
    /** Set when trainers run outside this JVM (process or kubernetes runner). */
    private final ExternalJobQueue external;
    private final Set<String> cancelRequests = ConcurrentHashMap.newKeySet();
    private final Timer stepTimer;
    private volatile boolean shuttingDown;

    public TrainingJobService(DataDirectory dir, DatasetCatalog datasets, ModelRepository models, JobEvents events,
            PruneGcrnProperties properties, MeterRegistry registry, RunnerProperties runners,
            ObjectProvider<KubernetesTraining> kubernetes) {
        this.dir = dir;
        this.store = new JobStore(dir);
        this.jobs = store.memory();
        this.datasets = datasets;
        this.models = models;
        this.events = events;
        this.properties = properties;
        int threads = Math.max(1, properties.training().concurrency());
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, properties.training().queueCapacity())), r -> {
                    Thread t = new Thread(r, "training-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.stepTimer = Timer.builder("prunegcrn.training.step").description("Time of one training batch (forward, backward, Adam)")
                .register(registry);
        for (JobStatus s : JobStatus.values()) {
            Gauge.builder("prunegcrn.jobs", jobs, m -> m.values().stream().filter(j -> j.status() == s).count())
                    .tag("status", s.name()).description("Training jobs by status").register(registry);
        }
        if (runners.runner() == RunnerProperties.Runner.IN_PROCESS) {
            this.external = null;
            recover();
        } else {
            loadAll();
            ExternalRunner runner;
            BooleanSupplier leader;
            if (runners.runner() == RunnerProperties.Runner.PROCESS) {
                runner = new ProcessRunner(store, runners.process(), runners.maxParallelJobs());
                leader = () -> true;
            } else {
                KubernetesTraining k8s = kubernetes.getObject();
                runner = k8s.runner();
                leader = k8s::isLeader;
            }
            this.external = new ExternalJobQueue(store, events, runner, runners.maxParallelJobs(), runners.pollInterval(), leader);
            kubernetes.ifAvailable(k8s -> k8s.onChange(external::wake));
            log.info("training jobs run with the {} runner, at most {} at once", runners.runner(), runners.maxParallelJobs());
        }
    }

    /** The queue of the process and kubernetes runners; null with the in-process runner. */
    ExternalJobQueue external() {
        return external;
    }

    /** Queues a job; 429 when the queue is full, 404 for an unknown dataset. */
    public TrainingJob submit(String datasetId, TrainingConfig config, String sweepId) {
        datasets.info(datasetId);
        if (config.epochs() > properties.training().maxEpochs()) {
            throw new IllegalArgumentException("epochs: at most " + properties.training().maxEpochs() + " allowed, got " + config.epochs());
        }
        String id = "job-" + UUID.randomUUID().toString().substring(0, 12);
        TrainingJob job = new TrainingJob(id, datasetId, config, JobStatus.QUEUED, null, List.of(), null, Instant.now(),
                null, null, null, sweepId);
        if (external != null) {
            long waiting = jobs.values().stream().filter(j -> j.status() == JobStatus.QUEUED).count();
            if (waiting >= properties.training().queueCapacity()) {
                throw new QueueFullException(properties.training().queueCapacity(), 60);
            }
            save(job);
            external.wake();
            return job;
        }
        save(job);
        try {
            executor.execute(() -> run(id));
        } catch (RejectedExecutionException e) {
            jobs.remove(id);
            DataDirectory.deleteRecursively(dir.resolve(AREA, id));
            throw new QueueFullException(properties.training().queueCapacity(), 60);
        }
        return job;
    }

    public List<TrainingJob> list(String datasetId, JobStatus status) {
        List<TrainingJob> all = new ArrayList<>();
        for (TrainingJob j : jobs.values()) {
            if ((datasetId == null || datasetId.equals(j.datasetId())) && (status == null || status == j.status())) {
                all.add(j);
            }
        }
        all.sort(Comparator.comparing(TrainingJob::createdAt).reversed());
        return all;
    }

    public TrainingJob get(String id) {
        DataDirectory.requireValidId(id);
        TrainingJob job = jobs.get(id);
        if (job == null && external != null) {
            // accepted by another replica since this one last looked
            job = store.read(id).orElse(null);
        }
        if (job == null) {
            throw new ResourceNotFoundException("training job", id);
        }
        return job;
    }

    /** Cancels a queued or running job (a running one stops before its next batch); 409 when it already finished. */
    public TrainingJob cancel(String id) {
        TrainingJob job = get(id);
        synchronized (this) {
            job = jobs.get(id);
            if (job.status().finished()) {
                throw new ResourceConflictException("training job '" + id + "' has already finished (" + job.status() + ")");
            }
            if (external != null) {
                return cancelExternal(job);
            }
            cancelRequests.add(id);
            if (job.status() == JobStatus.QUEUED) {
                job = job.finished(JobStatus.CANCELLED, null, null, Instant.now());
                save(job);
                events.status(job);
            }
        }
        return job;
    }

    private TrainingJob cancelExternal(TrainingJob job) {
        synchronized (external) {
            if (job.status() == JobStatus.QUEUED && !external.hasTrainer(job.id())) {
                store.requestCancel(job.id());
                job = job.finished(JobStatus.CANCELLED, null, null, Instant.now());
                save(job);
                events.status(job);
                return job;
            }
        }
        // the trainer writes CANCELLED when it stops; the queue does if it cannot
        external.cancel(job.id());
        return job;
    }

    /** True while a queued or running job trains on the dataset. */
    public boolean usesDataset(String datasetId) {
        return jobs.values().stream().anyMatch(j -> j.datasetId().equals(datasetId) && !j.status().finished());
    }

    private void run(String id) {
        TrainingJob job = jobs.get(id);
        synchronized (this) {
            job = jobs.get(id);
            if (job == null || job.status().finished() || shuttingDown) {
                return;
            }
            job = job.started(Instant.now());
            save(job);
        }
        events.status(job);
        FileCheckpointStore checkpoint = new FileCheckpointStore(dir.resolve(AREA, id).resolve("checkpoint.zip"));
        try {
            TrafficDataset dataset = datasets.get(job.datasetId());
            TrainingResult result = trainer.train(dataset, job.config(), new Progress(id), new Control(id), checkpoint);
            models.save(id, dataset, result);
            finish(id, JobStatus.SUCCEEDED, null, id);
            checkpoint.delete();
        } catch (TrainingCancelledException e) {
            finish(id, JobStatus.CANCELLED, null, null);
            checkpoint.delete();
        } catch (TrainingInterruptedException e) {
            TrainingJob paused = jobs.get(id).with(JobStatus.QUEUED);
            save(paused);
            log.info("job {} paused for shutdown: {}", id, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            log.warn("job {} failed", id, e);
            finish(id, JobStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } finally {
            cancelRequests.remove(id);
            // The finished run's graph, gradient graph and their array caches are garbage now, but ND4J frees native
            // buffers only when the Java objects are collected, and the small heap rarely triggers a collection:
            // without this, each job's few GB stay resident until the next one (measured: the third job of a
            // Los-loop sweep reached 23.9 GB and was killed).
            System.gc();
        }
    }

    private void finish(String id, JobStatus status, String error, String modelId) {
        TrainingJob done = jobs.get(id).finished(status, error, modelId, Instant.now());
        save(done);
        events.status(done);
    }

    private void save(TrainingJob job) {
        store.save(job);
    }

    /** Reads every record as it is: the external queue decides what runs (and re-attaches to running trainers). */
    private void loadAll() {
        for (String id : store.ids()) {
            store.read(id).ifPresent(store::put);
        }
    }

    /** Reloads every job; queued and interrupted ones go back on the queue and resume from their checkpoints. */
    private void recover() {
        List<TrainingJob> pending = new ArrayList<>();
        for (String id : dir.ids(AREA)) {
            Path file = dir.resolve(AREA, id).resolve("job.json");
            if (!Files.exists(file)) {
                continue;
            }
            try {
                TrainingJob job = dir.readJson(file, TrainingJob.class);
                if (!job.status().finished()) {
                    job = job.with(JobStatus.QUEUED);
                    pending.add(job);
                }
                jobs.put(id, job);
            } catch (RuntimeException e) {
                log.warn("skipping unreadable job record {}: {}", file, e.getMessage());
            }
        }
        pending.sort(Comparator.comparing(TrainingJob::createdAt));
        for (TrainingJob job : pending) {
            try {
                save(job);
                executor.execute(() -> run(job.id()));
                log.info("job {} queued again after a restart", job.id());
            } catch (RejectedExecutionException e) {
                save(job.finished(JobStatus.FAILED, "the queue was full when the service restarted; submit it again", null, Instant.now()));
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        shuttingDown = true;
        if (external != null) {
            external.close();
        }
        executor.shutdown();
        if (!executor.awaitTermination(55, TimeUnit.SECONDS)) {
            log.warn("a training batch did not finish within 55 s; the job resumes from its last epoch checkpoint");
        }
    }

    private final class Control implements TrainingControl {
        private final String id;

        Control(String id) {
            this.id = id;
        }

        @Override
        public boolean cancelRequested() {
            return cancelRequests.contains(id);
        }

        @Override
        public boolean pauseRequested() {
            return shuttingDown;
        }
    }

    private final class Progress implements TrainingListener {
        private final String id;
        private final List<EpochRecord> curve;
        private long lastBatch = System.nanoTime();

        Progress(String id) {
            this.id = id;
            this.curve = new ArrayList<>(jobs.get(id).curve());
        }

        @Override
        public void onBatch(TrainingProgress p) {
            long now = System.nanoTime();
            stepTimer.record(now - lastBatch, TimeUnit.NANOSECONDS);
            lastBatch = now;
            TrainingJob job = jobs.get(id).progressed(p, List.copyOf(curve));
            jobs.put(id, job);
            events.progress(job);
        }

        @Override
        public void onEpoch(EpochRecord record, TrainingProgress p) {
            curve.removeIf(e -> e.epoch() == record.epoch());
            curve.add(record);
            TrainingJob job = jobs.get(id).progressed(p, List.copyOf(curve));
            save(job);
            events.progress(job);
            lastBatch = System.nanoTime();
        }
    }
}
