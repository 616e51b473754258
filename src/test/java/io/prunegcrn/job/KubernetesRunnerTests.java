package io.prunegcrn.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.prunegcrn.config.PruneGcrnProperties;
import io.prunegcrn.job.ExternalRunner.RunState;
import io.prunegcrn.system.DataDirectory;
import io.prunegcrn.training.SelectionMethod;
import io.prunegcrn.training.TrainingConfig;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kubernetes runner against fabric8's mock API server in CRUD mode: the Job it creates, how Job and pod states
 * map onto job states, cancel, the cap on parallel Jobs and re-attaching after a restart. The trainers themselves do
 * not run here (the mock server runs no pods): the tests write what a trainer would write, and set the Job status
 * the Job controller would set.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRunnerTests {

    static final String NS = "training";

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dataDir;
    JobStore store;
    ExternalJobQueue queue;
    KubernetesRunner runner;

    @BeforeEach
    void setUp() {
        store = storeIn(dataDir);
    }

    @AfterEach
    void tearDown() {
        if (queue != null) {
            queue.close();
        }
    }

    static JobStore storeIn(Path dir) {
        PruneGcrnProperties properties = mock(PruneGcrnProperties.class);
        when(properties.dataDir()).thenReturn(dir);
        return new JobStore(new DataDirectory(properties, JsonMapper.builder().build()));
    }

    static TrainingProperties.Kubernetes settings() {
        return new TrainingProperties.Kubernetes(NS, "registry.example.com/prunegcrn-service:0.2.0", "Always", "",
                "prunegcrn-data", "/data", "prunegcrn", Map.of("cpu", "2", "memory", "8Gi"), Map.of("memory", "10Gi"),
                Map.of("pool", "training"), Map.of("team", "traffic"), "prunegcrn", 3, 3600, Duration.ofSeconds(60),
                "prunegcrn-leader", Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200),
                List.of("registry-credentials"), Map.of("example.com/owner", "traffic"),
                "[{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"training\",\"effect\":\"NoSchedule\"}]",
                "{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":{\"nodeSelectorTerms\":[{\"matchExpressions\":"
                        + "[{\"key\":\"kubernetes.io/arch\",\"operator\":\"In\",\"values\":[\"amd64\"]}]}]}}}");
    }

    /** A service with the kubernetes runner: the queue ticks only when the test says so (or a Job changes). */
    ExternalJobQueue startQueue(KubernetesClient c, int maxParallel, BooleanSupplier leader) {
        runner = new KubernetesRunner(c, NS, settings(), () -> {
        });
        ExternalJobQueue q = new ExternalJobQueue(store, JobTransitions.inService(store, new JobEvents()), runner, maxParallel, 16,
                Duration.ofHours(1), leader);
        waitFor(runner::ready);
        return q;
    }

    static TrainingJob queued(String id, Instant created) {
        return new TrainingJob(id, "los-loop", TrainingConfig.defaults(SelectionMethod.PRUNEGCRN, 0.25), JobStatus.QUEUED,
                null, List.of(), null, created, null, null, null, null);
    }

    Job k8sJob(String id) {
        return client.batch().v1().jobs().inNamespace(NS).withName(TrainerJobManifest.nameFor(id)).get();
    }

    List<Job> k8sJobs() {
        return client.batch().v1().jobs().inNamespace(NS).list().getItems();
    }

    void setJobStatus(String id, JobStatusBuilder status) {
        Job job = k8sJob(id);
        job.setStatus(status.build());
        client.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
    }

    @Test
    void createsOneJobPerTrainingJobWithTheImageArgsVolumeResourcesAndLabels() {
        queue = startQueue(client, 2, () -> true);
        store.save(queued("job-a1", Instant.now()));

        queue.tick();

        Job job = k8sJob("job-a1");
        assertThat(job).isNotNull();
        assertThat(job.getMetadata().getName()).isEqualTo("prunegcrn-train-job-a1");
        assertThat(job.getMetadata().getLabels()).containsEntry("prunegcrn.io/job-id", "job-a1")
                .containsEntry("app.kubernetes.io/component", "trainer").containsEntry("app.kubernetes.io/instance", "prunegcrn")
                .containsEntry("team", "traffic");
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(3);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(3600);
        assertThat(job.getSpec().getPodFailurePolicy().getRules().get(0).getOnPodConditions().get(0).getType())
                .as("evictions do not use up the backoff limit").isEqualTo("DisruptionTarget");
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("prunegcrn.io/job-id", "job-a1");
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getNodeSelector()).containsExactly(Map.entry("pool", "training"));
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(60L);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        var container = pod.getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example.com/prunegcrn-service:0.2.0");
        assertThat(container.getImagePullPolicy()).isEqualTo("Always");
        assertThat(container.getArgs()).containsExactly("train-job", "job-a1");
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("PRUNEGCRN_DATA_DIR") && e.getValue().equals("/data"));
        assertThat(container.getEnvFrom().get(0).getConfigMapRef().getName()).isEqualTo("prunegcrn");
        assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("2")).containsEntry("memory", new Quantity("8Gi"));
        assertThat(container.getResources().getLimits()).containsEntry("memory", new Quantity("10Gi"));
        assertThat(container.getVolumeMounts()).anyMatch(m -> m.getName().equals("data") && m.getMountPath().equals("/data"));
        assertThat(pod.getVolumes()).anyMatch(v -> v.getName().equals("data")
                && v.getPersistentVolumeClaim().getClaimName().equals("prunegcrn-data"));
        // scheduled where operators need it: a private registry, tainted and labelled nodes
        assertThat(pod.getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("registry-credentials");
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("dedicated");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms()
                .get(0).getMatchExpressions().get(0).getValues()).containsExactly("amd64");
        assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("example.com/owner", "traffic");
        // the threads follow the CPU request (2), not the node's cores
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("OMP_NUM_THREADS") && e.getValue().equals("2"))
                .anyMatch(e -> e.getName().equals("JAVA_ACTIVE_PROCESSOR_COUNT") && e.getValue().equals("2"));

        queue.tick();
        assertThat(k8sJobs()).as("a second tick does not start it again").hasSize(1);
    }

    @Test
    void mapsJobStatesOntoJobStatusesIncludingAFailedAndAnOomKilledPod() {
        queue = startQueue(client, 4, () -> true);
        store.save(queued("job-run", Instant.now()));
        store.save(queued("job-ok", Instant.now().plusMillis(1)));
        store.save(queued("job-oom", Instant.now().plusMillis(2)));
        store.save(queued("job-err", Instant.now().plusMillis(3)));
        queue.tick();
        assertThat(k8sJobs()).hasSize(4);
        waitFor(() -> runner.state("job-err").isPresent());
        assertThat(runner.state("job-run")).contains(new RunState(RunState.Phase.PENDING, null));

        setJobStatus("job-run", new JobStatusBuilder().withActive(1).withReady(1));
        waitFor(() -> runner.state("job-run").map(s -> s.phase() == RunState.Phase.RUNNING).orElse(false));
        queue.tick();
        assertThat(store.get("job-run").status()).isEqualTo(JobStatus.RUNNING);

        // the trainer writes the final record, then the Job completes
        store.save(store.get("job-ok").started(Instant.now()).finished(JobStatus.SUCCEEDED, null, "job-ok", Instant.now()));
        setJobStatus("job-ok", new JobStatusBuilder().withSucceeded(1).withConditions(
                new JobConditionBuilder().withType("Complete").withStatus("True").build()));

        failedPod("job-oom", "OOMKilled", 137);
        setJobStatus("job-oom", new JobStatusBuilder().withFailed(4).withConditions(new JobConditionBuilder().withType("Failed")
                .withStatus("True").withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit").build()));
        failedPod("job-err", "Error", 1);
        setJobStatus("job-err", new JobStatusBuilder().withFailed(4).withConditions(
                new JobConditionBuilder().withType("Failed").withStatus("True").withReason("BackoffLimitExceeded").build()));
        waitFor(() -> runner.state("job-err").map(RunState::ended).orElse(false)
                && runner.state("job-oom").map(RunState::ended).orElse(false) && runner.state("job-ok").map(RunState::ended).orElse(false));

        queue.tick();

        assertThat(store.get("job-ok").status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(store.get("job-oom").status()).isEqualTo(JobStatus.FAILED);
        assertThat(store.get("job-oom").error()).contains("OOMKilled").contains("exit 137").contains("BackoffLimitExceeded");
        assertThat(store.read("job-oom").orElseThrow().status()).as("written to the record").isEqualTo(JobStatus.FAILED);
        assertThat(store.get("job-err").status()).isEqualTo(JobStatus.FAILED);
        assertThat(store.get("job-err").error()).contains("Error").contains("exit 1");
        assertThat(store.get("job-run").status()).isEqualTo(JobStatus.RUNNING);
    }

    private void failedPod(String jobId, String reason, int exitCode) {
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata()
                .withName(TrainerJobManifest.nameFor(jobId) + "-x7k2p").withLabels(Map.of("prunegcrn.io/job-id", jobId)).endMetadata()
                .withNewSpec().addNewContainer().withName("trainer").withImage("img").endContainer().endSpec()
                .withNewStatus().withPhase("Failed").addNewContainerStatus().withName("trainer").withNewState().withNewTerminated()
                .withReason(reason).withExitCode(exitCode).withFinishedAt("2026-11-27T09:00:00Z").endTerminated().endState()
                .endContainerStatus().endStatus().build()).create();
    }

    @Test
    void aJobAnotherReplicaAcceptedCanBeCancelledBeforeThisOnePollsIt() {
        queue = startQueue(client, 2, () -> true);
        storeIn(dataDir).save(queued("job-other", Instant.now())); // written by another replica's store
        assertThat(store.get("job-other")).as("not polled yet").isNull();

        TrainingJob cancelled = queue.cancel("job-other");

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(store.read("job-other").orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        queue.tick();
        assertThat(k8sJobs()).as("never started").isEmpty();
    }

    @Test
    void cancelDeletesTheJobAndTheJobEndsCancelled() throws Exception {
        queue = startQueue(client, 2, () -> true);
        store.save(queued("job-c", Instant.now()));
        Files.writeString(store.checkpoint("job-c"), "checkpoint");
        queue.tick();
        assertThat(k8sJob("job-c")).isNotNull();

        queue.stopTrainer("job-c");

        assertThat(k8sJob("job-c")).isNull();
        waitFor(() -> runner.state("job-c").isEmpty());
        queue.tick();
        assertThat(store.get("job-c").status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(store.checkpoint("job-c")).doesNotExist();
        assertThat(k8sJobs()).as("not started again").isEmpty();
    }

    @Test
    void aJobCancelledRightAfterItsJobWasCreatedHasTheJobDeletedAndEndsCancelled() {
        queue = startQueue(client, 2, () -> true);
        store.save(queued("job-new", Instant.now()));
        queue.tick(); // creates its Job

        queue.cancel("job-new"); // at once: the informer may not list the new Job yet

        assertThat(k8sJob("job-new")).as("deleted, not left to run").isNull();
        waitFor(() -> runner.state("job-new").isEmpty());
        queue.tick();
        assertThat(store.get("job-new").status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(k8sJobs()).isEmpty();
    }

    @Test
    void startsAtMostMaxParallelJobsAndTheNextWhenOneEnds() {
        queue = startQueue(client, 2, () -> true);
        Instant t = Instant.now();
        store.save(queued("job-1", t));
        store.save(queued("job-2", t.plusSeconds(1)));
        store.save(queued("job-3", t.plusSeconds(2)));

        queue.tick();
        queue.tick(); // at once: the two new Jobs count whether or not the informer lists them yet

        assertThat(k8sJobs()).extracting(j -> j.getMetadata().getLabels().get("prunegcrn.io/job-id"))
                .containsExactlyInAnyOrder("job-1", "job-2");
        assertThat(store.get("job-3").status()).isEqualTo(JobStatus.QUEUED);

        store.save(store.get("job-1").finished(JobStatus.SUCCEEDED, null, "job-1", Instant.now()));
        setJobStatus("job-1", new JobStatusBuilder().withSucceeded(1).withConditions(
                new JobConditionBuilder().withType("Complete").withStatus("True").build()));
        waitFor(() -> runner.activeCount() == 1);
        queue.tick();

        assertThat(k8sJob("job-3")).isNotNull();
    }

    @Test
    void reattachesToRunningJobsAfterARestartAndRestartsOnlyTheLostOnes() {
        queue = startQueue(client, 3, () -> true);
        store.save(queued("job-kept", Instant.now()));
        queue.tick();
        store.save(store.get("job-kept").started(Instant.now()));
        setJobStatus("job-kept", new JobStatusBuilder().withActive(1).withReady(1));
        String uid = k8sJob("job-kept").getMetadata().getUid();
        queue.close();

        // the service restarts: a new store over the same directory; one record claims to run but has no Job
        store = storeIn(dataDir);
        TrainingJob lost = queued("job-lost", Instant.now()).started(Instant.now());
        store.save(lost);
        for (String id : store.ids()) {
            store.read(id).ifPresent(store::put);
        }
        queue = startQueue(client, 3, () -> true);
        queue.tick();
        queue.tick();

        assertThat(k8sJobs()).hasSize(2);
        assertThat(k8sJob("job-kept").getMetadata().getUid()).as("the running Job is followed, not replaced").isEqualTo(uid);
        assertThat(store.get("job-kept").status()).isEqualTo(JobStatus.RUNNING);
        assertThat(k8sJob("job-lost")).as("a job whose trainer is gone is started again").isNotNull();
    }

    static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
