package io.prunegcrn.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.prunegcrn.training.EpochRecord;
import io.prunegcrn.training.TrainingListener;
import io.prunegcrn.training.TrainingPhase;
import io.prunegcrn.training.TrainingProgress;

/** Every change of a job is written before its followers hear of it; batch progress reaches the disk only from a trainer. */
class JobTransitionsTests {

    @TempDir
    Path dataDir;

    private JobStore store;
    private final JobEvents events = new JobEvents();
    private final List<String> heard = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = KubernetesRunnerTests.storeIn(dataDir);
    }

    /** Records what followers of {@code id} hear, with the status on disk at that moment. */
    private void follow(String id) {
        events.subscribe(id, new JobEvents.Listener() {
            @Override
            public void progress(TrainingJob job) {
                heard.add("progress " + job.progress().batch());
            }

            @Override
            public void status(TrainingJob job) {
                heard.add("status " + job.status() + " (disk: " + store.read(job.id()).map(TrainingJob::status).orElse(null) + ")");
            }
        });
    }

    @Test
    void statesAreWrittenThenTold() {
        JobTransitions transitions = JobTransitions.inService(store, events);
        TrainingJob job = KubernetesRunnerTests.queued("job-1", Instant.now());
        follow("job-1");

        transitions.accepted(job);
        TrainingJob running = transitions.started(job);
        transitions.queuedAgain(running);
        transitions.started(store.get("job-1"));
        TrainingJob done = transitions.finished("job-1", JobStatus.SUCCEEDED, null, "job-1");

        assertThat(heard).containsExactly("status RUNNING (disk: RUNNING)", "status QUEUED (disk: QUEUED)",
                "status RUNNING (disk: RUNNING)", "status SUCCEEDED (disk: SUCCEEDED)");
        assertThat(store.read("job-1").orElseThrow()).isEqualTo(done).isEqualTo(store.get("job-1"));
        assertThat(done.modelId()).isEqualTo("job-1");
        assertThat(done.startedAt()).isEqualTo(running.startedAt());
        assertThat(done.finishedAt()).isNotNull();
    }

    @Test
    void inTheServiceBatchesStayInMemoryAndEpochsReachTheDisk() {
        JobTransitions transitions = JobTransitions.inService(store, events);
        TrainingJob running = transitions.started(KubernetesRunnerTests.queued("job-1", Instant.now()));
        follow("job-1");
        TrainingListener progress = transitions.progressOf(running);

        progress.onBatch(progress(1));
        assertThat(store.get("job-1").progress().batch()).isEqualTo(1);
        assertThat(store.read("job-1").orElseThrow().progress()).isNull();

        progress.onEpoch(epoch(1), progress(4));
        TrainingJob onDisk = store.read("job-1").orElseThrow();
        assertThat(onDisk.progress().batch()).isEqualTo(4);
        assertThat(onDisk.curve()).containsExactly(epoch(1));
        assertThat(heard).containsExactly("progress 1", "progress 4");
    }

    @Test
    void aTrainerProcessWritesBatchProgressAtMostOnceASecond() throws InterruptedException {
        JobTransitions transitions = JobTransitions.inTrainerProcess(store);
        TrainingListener progress = transitions.progressOf(transitions.started(KubernetesRunnerTests.queued("job-1", Instant.now())));

        progress.onBatch(progress(1));
        assertThat(store.read("job-1").orElseThrow().progress()).isNull();
        Thread.sleep(1_050);
        progress.onBatch(progress(2));
        assertThat(store.read("job-1").orElseThrow().progress().batch()).isEqualTo(2);
        progress.onBatch(progress(3));
        assertThat(store.read("job-1").orElseThrow().progress().batch()).isEqualTo(2);
    }

    @Test
    void aRecordWrittenElsewhereIsKeptInMemoryAndFollowersHearWhatChanged() {
        JobTransitions transitions = JobTransitions.inService(store, events);
        TrainingJob queued = KubernetesRunnerTests.queued("job-1", Instant.now());
        TrainingJob running = queued.started(Instant.now());
        follow("job-1");

        transitions.observed(null, queued);
        transitions.observed(queued, queued);
        transitions.observed(queued, running);
        transitions.observed(running, running.progressed(progress(3), List.of()));

        assertThat(heard).containsExactly("status RUNNING (disk: null)", "progress 3");
        assertThat(store.get("job-1").progress().batch()).isEqualTo(3);
        assertThat(store.ids()).as("nothing written: the disk is where it came from").isEmpty();
    }

    private static TrainingProgress progress(int batch) {
        return new TrainingProgress(1, 2, batch, 4, TrainingPhase.WARMUP, 0.5, 0.4, 3, 3, 0, 1, 1);
    }

    private static EpochRecord epoch(int epoch) {
        return new EpochRecord(epoch, TrainingPhase.WARMUP, 0.5, 0.4, 3, 0, true, 1);
    }
}
