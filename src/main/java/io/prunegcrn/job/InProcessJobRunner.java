package io.prunegcrn.job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prunegcrn.network.runtime.Cores;
import io.prunegcrn.system.QueueFullException;
import io.prunegcrn.training.TrainingControl;

/**
 * The {@code in-process} runner: jobs train on a bounded executor of this service. After a restart, queued and
 * running jobs are queued again and resume from their last checkpoint. On shutdown the running job finishes its
 * batch, saves a checkpoint and stays queued for the next start.
 */
final class InProcessJobRunner implements JobRunner {

    private static final Logger log = LoggerFactory.getLogger(InProcessJobRunner.class);

    private final JobStore store;
    private final JobTrainer trainer;
    private final JobTransitions transitions;
    private final JobMetrics metrics;
    private final int queueCapacity;
    private final ThreadPoolExecutor executor;
    private final Set<String> cancelRequests = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;

    /**
     * @param parallelJobs  jobs that train at once
     * @param threadsPerJob the Java split of each job's kernels and OpenMP threads (libnd4j's are capped at start)
     */
    InProcessJobRunner(JobStore store, JobTrainer trainer, JobTransitions transitions, JobMetrics metrics, int parallelJobs,
            int threadsPerJob, int queueCapacity) {
        this.store = store;
        this.trainer = trainer;
        this.transitions = transitions;
        this.metrics = metrics;
        this.queueCapacity = queueCapacity;
        int threads = Math.max(1, parallelJobs);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queueCapacity)), r -> {
                    Thread t = new Thread(Cores.onThreads(threadsPerJob, r), "training-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @Override
    public int parallelJobs() {
        return executor.getCorePoolSize();
    }

    @Override
    public void submit(TrainingJob job) {
        transitions.accepted(job);
        try {
            executor.execute(() -> run(job.id()));
        } catch (RejectedExecutionException e) {
            store.forget(job.id());
            throw new QueueFullException(queueCapacity, 60);
        }
    }

    /** A queued job is cancelled at once; a running one stops before its next batch. */
    @Override
    public synchronized TrainingJob cancel(String id) {
        TrainingJob job = JobRunner.requireUnfinished(store.get(id));
        cancelRequests.add(id);
        if (job.status() == JobStatus.QUEUED) {
            job = transitions.finished(job, JobStatus.CANCELLED, null, null);
        }
        return job;
    }

    /** Reloads every job; queued and interrupted ones go back on the queue, oldest first, and resume from their checkpoints. */
    @Override
    public void recover() {
        List<TrainingJob> pending = new ArrayList<>();
        for (String id : store.ids()) {
            if (store.get(id) != null) {
                continue; // submitted since the start
            }
            store.read(id).ifPresent(job -> {
                if (!job.status().finished()) {
                    pending.add(job);
                }
                store.put(job);
            });
        }
        pending.sort(Comparator.comparing(TrainingJob::createdAt));
        for (TrainingJob job : pending) {
            TrainingJob queued = transitions.queuedAgain(job);
            try {
                executor.execute(() -> run(job.id()));
                log.info("job {} queued again after a restart", job.id());
            } catch (RejectedExecutionException e) {
                transitions.finished(queued, JobStatus.FAILED, "the queue was full when the service restarted; submit it again",
                        null);
            }
        }
    }

    private void run(String id) {
        TrainingJob job;
        synchronized (this) {
            job = store.get(id);
            if (job == null || job.status().finished() || shuttingDown) {
                return;
            }
            job = trainer.start(job);
        }
        try {
            trainer.train(job, new Control(id), metrics.stepClock());
        } finally {
            cancelRequests.remove(id);
            // The finished run's graph, gradient graph and their array caches are garbage now, but ND4J frees native
            // buffers only when the Java objects are collected, and the small heap rarely triggers a collection:
            // without this, each job's few GB stay resident until the next one (measured: the third job of a
            // Los-loop sweep reached 23.9 GB and was killed).
            System.gc();
        }
    }

    @Override
    public void close() {
        shuttingDown = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(55, TimeUnit.SECONDS)) {
                log.warn("a training batch did not finish within 55 s; the job resumes from its last epoch checkpoint");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
}
