package io.prunegcrn.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prunegcrn.dataset.DatasetCatalog;
import io.prunegcrn.model.ModelArchiveTestData;
import io.prunegcrn.model.ModelRepository;
import io.prunegcrn.system.QueueFullException;
import io.prunegcrn.system.ResourceConflictException;
import io.prunegcrn.system.ResourceNotFoundException;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import io.prunegcrn.training.TrainingSettings;

/**
 * The in-process runner: order, the queue's bound, cancel of a queued and of a running job, shutdown and restart. A
 * job is held by its own events ({@link Follower}: in its first batch) or by its dataset load ({@link #HELD}), so what
 * happens meanwhile is decided by the runner, not by timing. Jobs whose training is not the point read a dataset that
 * is gone: they start and fail at once, without building a network.
 */
class InProcessJobRunnerTests {

    /** Trains for real, on a tiny series. */
    private static final String TINY = "tiny";
    /** Fails at once: the dataset is gone. */
    private static final String MISSING = "missing";
    /** Waits in its dataset load until {@link #releaseHeld} is opened, then fails as {@link #MISSING}. */
    private static final String HELD = "held";

    @TempDir
    Path dataDir;

    private JobStore store;
    private final JobEvents events = new JobEvents();
    private final DatasetCatalog datasets = mock(DatasetCatalog.class);
    private final ModelRepository models = mock(ModelRepository.class);
    private final CountDownLatch heldLoading = new CountDownLatch(1);
    private final CountDownLatch releaseHeld = new CountDownLatch(1);
    private final List<Follower> followers = new ArrayList<>();
    private final List<InProcessJobRunner> runners = new ArrayList<>();
    private final Logger trainerLog = (Logger) LoggerFactory.getLogger(JobTrainer.class);
    /** Jobs in the order they started (their RUNNING event). */
    private final List<String> started = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        trainerLog.setLevel(Level.ERROR); // each job meant to fail would log its stack trace
        store = KubernetesRunnerTests.storeIn(dataDir);
        when(datasets.get(TINY)).thenReturn(ModelArchiveTestData.sines(4, 130));
        when(datasets.get(MISSING)).thenThrow(new ResourceNotFoundException("dataset", MISSING));
        when(datasets.get(HELD)).thenAnswer(invocation -> {
            heldLoading.countDown();
            await(releaseHeld);
            throw new ResourceNotFoundException("dataset", HELD);
        });
    }

    @AfterEach
    void tearDown() {
        releaseHeld.countDown();
        followers.forEach(f -> f.release.countDown());
        runners.forEach(InProcessJobRunner::close);
        trainerLog.setLevel(null);
    }

    @Test
    void jobsRunOneAtATimeInTheOrderSubmittedAndATrainedOneSucceeds() {
        InProcessJobRunner runner = runner(1, 4);
        Follower a = follow("job-a");
        Follower b = follow("job-b");
        Follower c = follow("job-c");
        runner.submit(job("job-a", TINY, 1));
        runner.submit(job("job-b", MISSING, 1));
        runner.submit(job("job-c", MISSING, 1));

        a.awaitFirstBatch();
        assertThat(store.get("job-a").status()).isEqualTo(JobStatus.RUNNING);
        assertThat(store.read("job-b").orElseThrow().status()).as("waits, on disk too").isEqualTo(JobStatus.QUEUED);
        assertThat(store.get("job-c").status()).isEqualTo(JobStatus.QUEUED);

        a.release.countDown();
        c.awaitFinished();

        assertThat(started).containsExactly("job-a", "job-b", "job-c");
        TrainingJob trained = store.read("job-a").orElseThrow();
        assertThat(trained.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(trained.modelId()).isEqualTo("job-a");
        assertThat(trained.curve()).hasSize(1);
        verify(models).save(eq("job-a"), any(), any());
        assertThat(a.statuses).containsExactly(JobStatus.RUNNING, JobStatus.SUCCEEDED);
        assertThat(store.get("job-b").startedAt()).as("after the one before it ended").isAfterOrEqualTo(trained.finishedAt());
        assertThat(b.statuses).containsExactly(JobStatus.RUNNING, JobStatus.FAILED);
        assertThat(store.read("job-b").orElseThrow().error()).contains(MISSING);
        assertThat(runner.parallelJobs()).isEqualTo(1);
        assertThatThrownBy(() -> runner.cancel("job-a")).as("already finished").isInstanceOf(ResourceConflictException.class);
    }

    @Test
    void aSubmitBeyondTheQueueIsRefusedAndLeavesNoRecord() {
        InProcessJobRunner runner = runner(1, 1);
        runner.submit(job("job-a", HELD, 1));
        awaitHeld();
        runner.submit(job("job-b", MISSING, 1));

        assertThatThrownBy(() -> runner.submit(job("job-c", MISSING, 1))).isInstanceOf(QueueFullException.class);

        assertThat(store.get("job-c")).isNull();
        assertThat(store.ids()).containsExactlyInAnyOrder("job-a", "job-b");
        assertThat(store.get("job-b").status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndNeverStarts() {
        InProcessJobRunner runner = runner(1, 4);
        Follower b = follow("job-b");
        Follower c = follow("job-c");
        runner.submit(job("job-a", HELD, 1));
        runner.submit(job("job-b", MISSING, 1));
        runner.submit(job("job-c", MISSING, 1));
        awaitHeld();

        TrainingJob cancelled = runner.cancel("job-b");

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(store.read("job-b").orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(b.statuses).as("followers are told").containsExactly(JobStatus.CANCELLED);

        releaseHeld.countDown();
        c.awaitFinished(); // the one thread took job-b's turn before job-c's
        assertThat(started).as("job-a is not followed").containsExactly("job-c");
        assertThat(store.read("job-b").orElseThrow().startedAt()).isNull();
        assertThat(store.get("job-b").status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aRunningJobStopsBeforeItsNextBatchAndEndsCancelledWithoutCheckpoint() {
        InProcessJobRunner runner = runner(1, 4);
        Follower a = follow("job-a");
        runner.submit(job("job-a", TINY, 3));
        a.awaitFirstBatch();

        TrainingJob answer = runner.cancel("job-a");
        assertThat(answer.status()).as("it stops at its next batch").isEqualTo(JobStatus.RUNNING);

        a.release.countDown();
        a.awaitFinished();
        assertThat(a.batches.get()).as("no batch after the cancel").isEqualTo(1);
        assertThat(store.read("job-a").orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(store.checkpoint("job-a")).doesNotExist();
        verify(models, never()).save(any(), any(), any());
    }

    @Test
    void onShutdownTheRunningJobCheckpointsAndStaysQueuedAndQueuedJobsDoNotStart() throws Exception {
        InProcessJobRunner runner = runner(1, 4);
        Follower a = follow("job-a");
        follow("job-b");
        runner.submit(job("job-a", TINY, 10_000)); // it would train for hours: only the shutdown ends it
        runner.submit(job("job-b", MISSING, 1));
        a.awaitFirstBatch();

        CompletableFuture<Void> closed = CompletableFuture.runAsync(runner::close);
        a.release.countDown();
        closed.get(60, TimeUnit.SECONDS);

        TrainingJob paused = store.read("job-a").orElseThrow();
        assertThat(paused.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(paused.startedAt()).isNotNull();
        assertThat(store.checkpoint("job-a")).as("it resumes from here at the next start").exists();
        assertThat(store.read("job-b").orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(started).containsExactly("job-a");
    }

    @Test
    void aRestartQueuesUnfinishedJobsOldestFirstAndFailsThoseBeyondTheQueue() {
        Instant t = Instant.parse("2026-12-01T08:00:00Z");
        store.save(job("job-old", HELD, 1, t).started(t.plusSeconds(5))); // was running when the service stopped
        store.save(job("job-new", MISSING, 1, t.plusSeconds(1)));
        store.save(job("job-newest", MISSING, 1, t.plusSeconds(2)));
        store.save(job("job-done", MISSING, 1, t.minusSeconds(9)).finished(JobStatus.SUCCEEDED, null, "job-done", t));
        store = KubernetesRunnerTests.storeIn(dataDir); // the next start: nothing in memory
        Follower next = follow("job-new");
        InProcessJobRunner runner = runner(1, 1);

        runner.recover();

        awaitHeld();
        assertThat(store.get("job-old").status()).isEqualTo(JobStatus.RUNNING);
        assertThat(store.get("job-new").status()).isEqualTo(JobStatus.QUEUED);
        TrainingJob refused = store.read("job-newest").orElseThrow();
        assertThat(refused.status()).isEqualTo(JobStatus.FAILED);
        assertThat(refused.error()).contains("the queue was full when the service restarted");
        assertThat(store.get("job-done").status()).as("a finished job is loaded as it is").isEqualTo(JobStatus.SUCCEEDED);

        releaseHeld.countDown();
        next.awaitFinished();
        assertThat(started).containsExactly("job-new");
        assertThat(store.get("job-new").startedAt()).isAfterOrEqualTo(store.get("job-old").finishedAt());
        assertThat(store.get("job-done").startedAt()).as("not run again").isNull();
    }

    private InProcessJobRunner runner(int parallelJobs, int queueCapacity) {
        JobTransitions transitions = JobTransitions.inService(store, events);
        InProcessJobRunner runner = new InProcessJobRunner(store, new JobTrainer(store, transitions, datasets, models, id -> {
        }), transitions, new JobMetrics(new SimpleMeterRegistry(), store), parallelJobs, 1, queueCapacity);
        runners.add(runner);
        return runner;
    }

    private static TrainingJob job(String id, String dataset, int epochs) {
        return job(id, dataset, epochs, Instant.now());
    }

    private static TrainingJob job(String id, String dataset, int epochs, Instant created) {
        TrainingConfig config = TrainingConfig.of(SelectionMethod.PRUNEGCRN, 1.0, 1L, TrainingSettings.of(Map.of("epochs", epochs,
                "patience", epochs, "hiddenUnits", 2, "embedDim", 2, "batchSize", 16)));
        return new TrainingJob(id, dataset, config, JobStatus.QUEUED, null, List.of(), null, created, null, null, null, null);
    }

    private void awaitHeld() {
        assertThat(await(heldLoading)).as("the held job loads its dataset").isTrue();
    }

    private Follower follow(String id) {
        Follower f = new Follower(id);
        events.subscribe(id, f);
        followers.add(f);
        return f;
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Follows a job's events: holds it in its first batch until released, records its statuses and when it ends. */
    private final class Follower implements JobEvents.Listener {
        private final String id;
        final CountDownLatch release = new CountDownLatch(1);
        final List<JobStatus> statuses = new CopyOnWriteArrayList<>();
        final AtomicInteger batches = new AtomicInteger();
        private final CountDownLatch firstBatch = new CountDownLatch(1);
        private final CountDownLatch finished = new CountDownLatch(1);

        Follower(String id) {
            this.id = id;
        }

        @Override
        public void progress(TrainingJob job) {
            if (batches.incrementAndGet() == 1) {
                firstBatch.countDown();
                await(release);
            }
        }

        @Override
        public void status(TrainingJob job) {
            statuses.add(job.status());
            if (job.status() == JobStatus.RUNNING) {
                started.add(id);
            }
            if (job.status().finished()) {
                finished.countDown();
            }
        }

        void awaitFirstBatch() {
            assertThat(await(firstBatch)).as(id + " trains its first batch").isTrue();
        }

        void awaitFinished() {
            assertThat(await(finished)).as(id + " finishes").isTrue();
        }
    }
}
