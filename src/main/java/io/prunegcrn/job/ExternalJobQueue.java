package io.prunegcrn.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prunegcrn.job.ExternalRunner.RunState;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.system.QueueFullException;
import io.prunegcrn.system.ResourceNotFoundException;

/**
 * The queue when trainers run outside the service (process or kubernetes runner). The queue is the data directory
 * itself: every QUEUED record without a trainer waits, oldest first, so any replica can accept a job and the leader
 * starts it. Every replica re-reads the records of unfinished jobs (progress written by the trainers) and tells
 * subscribers; only the leader starts trainers, up to {@code max-parallel-jobs}, and settles the jobs whose trainer
 * ended without a final record. (About 250 lines: one lock guards accept, start, cancel and settle, and splitting
 * them across classes would spread that lock.)
 */
final class ExternalJobQueue implements JobRunner {

    private static final Logger log = LoggerFactory.getLogger(ExternalJobQueue.class);

    private final JobStore store;
    private final JobTransitions transitions;
    private final ExternalRunner runner;
    private final int maxParallel;
    private final int queueCapacity;
    private final Duration poll;
    private final BooleanSupplier leader;
    private final ScheduledExecutorService ticker;
    private volatile boolean started;

    ExternalJobQueue(JobStore store, JobTransitions transitions, ExternalRunner runner, int maxParallel, int queueCapacity,
            Duration poll, BooleanSupplier leader) {
        this.store = store;
        this.transitions = transitions;
        this.runner = runner;
        this.maxParallel = maxParallel;
        this.queueCapacity = queueCapacity;
        this.poll = poll;
        this.leader = leader;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "training-queue");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reads every record as it is and starts following them: the ticks decide what runs, re-attach to running
     * trainers and queue again the jobs whose trainer is gone.
     */
    @Override
    public int parallelJobs() {
        return maxParallel;
    }

    @Override
    public void recover() {
        for (String id : store.ids()) {
            if (store.get(id) == null) {
                store.read(id).ifPresent(store::put);
            }
        }
        started = true;
        ticker.scheduleWithFixedDelay(this::safeTick, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The queue is the QUEUED records: 429 when {@code queue-capacity} of them wait already. */
    @Override
    public void submit(TrainingJob job) {
        long waiting = store.all().stream().filter(j -> j.status() == JobStatus.QUEUED).count();
        if (waiting >= queueCapacity) {
            throw new QueueFullException(queueCapacity, 60);
        }
        transitions.accepted(job);
        wake();
    }

    /** A job without a trainer is cancelled at once; a trainer writes CANCELLED when it stops (the queue does if it cannot). */
    @Override
    public TrainingJob cancel(String id) {
        TrainingJob job;
        synchronized (this) {
            // a job another replica accepted is on disk before this one's next poll brings it into memory
            job = JobRunner.requireUnfinished(Optional.ofNullable(store.get(id)).or(() -> store.read(id))
                    .orElseThrow(() -> new ResourceNotFoundException("training job", id)));
            if (job.status() == JobStatus.QUEUED && !hasTrainer(id)) {
                store.requestCancel(id);
                return transitions.finished(job, JobStatus.CANCELLED, null, null);
            }
        }
        stopTrainer(id);
        return job;
    }

    @Override
    public Optional<TrainingJob> lookup(String id) {
        return store.read(id);
    }

    /** Look now rather than at the next poll (a job was submitted or cancelled). */
    void wake() {
        if (started) {
            ticker.execute(this::safeTick);
        }
    }

    /** Stops a job's trainer if it has one: the trainer sees the cancel marker, and SIGTERM stops it at once. */
    void stopTrainer(String id) {
        store.requestCancel(id);
        runner.stop(id);
        wake();
    }

    boolean hasTrainer(String id) {
        return runner.state(id).map(s -> !s.ended()).orElse(false);
    }

    ExternalRunner runner() {
        return runner;
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("training queue: {}", e.toString(), e);
        }
    }

    synchronized void tick() {
        if (!runner.ready()) {
            return;
        }
        refresh();
        if (!leader.getAsBoolean()) {
            return;
        }
        for (TrainingJob job : List.copyOf(store.all())) {
            if (!job.status().finished()) {
                settle(job);
            }
        }
        launch();
    }

    /**
     * Re-reads unfinished records and picks up jobs other replicas accepted; merges in the runner's view. Finished
     * records another replica deleted are dropped.
     */
    private void refresh() {
        java.util.Set<String> onDisk = new java.util.HashSet<>(store.ids());
        store.memory().values().removeIf(j -> j.status().finished() && !onDisk.contains(j.id()));
        for (String id : onDisk) {
            TrainingJob known = store.get(id);
            if (known != null && known.status().finished()) {
                continue;
            }
            Optional<TrainingJob> disk = store.read(id);
            if (disk.isEmpty()) {
                continue;
            }
            transitions.observed(known, merge(disk.get(), runner.state(id)));
        }
    }

    /** An unfinished record shows where its trainer is: waiting for a node is QUEUED, a live pod RUNNING. */
    private static TrainingJob merge(TrainingJob record, Optional<RunState> state) {
        if (record.status().finished() || state.isEmpty()) {
            return record;
        }
        return switch (state.get().phase()) {
            case PENDING -> record.status() == JobStatus.QUEUED ? record : record.with(JobStatus.QUEUED);
            case RUNNING -> record.status() == JobStatus.RUNNING ? record : record.started(Instant.now());
            case SUCCEEDED, FAILED -> record;
        };
    }

    /** The leader decides what happens to a job whose trainer ended, or vanished, without a final record. */
    private void settle(TrainingJob job) {
        String id = job.id();
        Optional<RunState> state = runner.state(id);
        if (state.isPresent() && !state.get().ended()) {
            return;
        }
        if (state.isPresent()) {
            runner.forget(id);
        }
        TrainingJob record = store.read(id).orElse(job);
        if (record.status().finished()) {
            transitions.observed(job, record); // its trainer finished it since the last look
            return;
        }
        if (store.cancelRequested(id)) {
            transitions.finished(record, JobStatus.CANCELLED, null, null);
            DataDirectory.deleteRecursively(store.checkpoint(id));
        } else if (state.isPresent() && state.get().phase() == RunState.Phase.FAILED) {
            // the checkpoint stays: the cause (memory, a node) may be fixed and the job submitted again
            transitions.finished(record, JobStatus.FAILED, state.get().reason(), null);
        } else if (record.status() != JobStatus.QUEUED || state.isPresent()) {
            // the trainer is gone (service restarted, Job deleted by hand, or it paused): queue it again; it resumes
            log.info("job {}: its trainer is gone; queued again", id);
            transitions.queuedAgain(record);
        }
    }

    private void launch() {
        int active = runner.activeCount();
        List<TrainingJob> waiting = store.all().stream()
                .filter(j -> j.status() == JobStatus.QUEUED && runner.state(j.id()).isEmpty() && !store.cancelRequested(j.id()))
                .sorted(Comparator.comparing(TrainingJob::createdAt)).toList();
        for (TrainingJob job : waiting) {
            if (active >= maxParallel) {
                return;
            }
            runner.launch(job);
            active++;
        }
    }

    @Override
    public void close() {
        started = false;
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runner.close();
    }
}
