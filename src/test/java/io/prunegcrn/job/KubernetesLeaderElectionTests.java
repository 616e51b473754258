package io.prunegcrn.job;

import static io.prunegcrn.job.KubernetesRunnerTests.NS;
import static io.prunegcrn.job.KubernetesRunnerTests.queued;
import static io.prunegcrn.job.KubernetesRunnerTests.storeIn;
import static io.prunegcrn.job.KubernetesRunnerTests.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * Two replicas of the service over one data directory and one (mock) cluster: both accept jobs, only the holder of
 * the Lease starts Jobs, and when it dies (stops renewing) the other takes the queue over, following the Job the old
 * leader started instead of starting it again.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesLeaderElectionTests {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dataDir;

    @Test
    void onlyTheLeaderStartsJobsAndAnotherReplicaTakesOverWhenItDies() {
        TrainingProperties properties = new TrainingProperties(TrainingProperties.Runner.KUBERNETES, 2, 0, 16, 500, Duration.ofHours(1),
                new TrainingProperties.Process("", List.of(), 2, Map.of()), KubernetesRunnerTests.settings());
        KubernetesClient clientA = server.createClient();
        KubernetesClient clientB = server.createClient();
        KubernetesTraining a = new KubernetesTraining(properties, new StaticListableBeanFactory(Map.of("k8s", clientA))
                .getBeanProvider(KubernetesClient.class));
        waitFor(a::isLeader);
        KubernetesTraining b = new KubernetesTraining(properties, new StaticListableBeanFactory(Map.of("k8s", clientB))
                .getBeanProvider(KubernetesClient.class));
        JobStore storeB = storeIn(dataDir);
        ExternalRunner runnerB = b.runner();
        ExternalJobQueue queueB = new ExternalJobQueue(storeB, JobTransitions.inService(storeB, new JobEvents()), runnerB, 2, 16,
                Duration.ofHours(1), b::isLeader);
        ExternalJobQueue queueA = null;
        try {
            waitFor(runnerB::ready);
            storeB.save(queued("job-x", Instant.now()));   // accepted by the replica that does not lead

            queueB.tick();
            assertThat(jobs()).as("a follower starts nothing").isEmpty();
            assertThat(storeB.get("job-x").status()).isEqualTo(JobStatus.QUEUED);

            // the leader's queue (started only now, so that it cannot have ticked before the check above)
            ExternalRunner runnerA = a.runner();
            JobStore storeA = storeIn(dataDir);
            queueA = new ExternalJobQueue(storeA, JobTransitions.inService(storeA, new JobEvents()), runnerA, 2, 16,
                    Duration.ofHours(1), a::isLeader);
            waitFor(runnerA::ready);
            queueA.tick();
            assertThat(jobs()).as("the leader picks the job up from the shared directory").containsExactly("prunegcrn-train-job-x");
            String uid = client.batch().v1().jobs().inNamespace(NS).withName("prunegcrn-train-job-x").get().getMetadata().getUid();
            assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(a.identity());

            clientA.close();   // replica A dies: nobody renews its Lease

            waitFor(b::isLeader);
            assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(b.identity());
            storeB.save(queued("job-y", Instant.now()));
            waitFor(() -> runnerB.state("job-x").isPresent());
            queueB.tick();
            assertThat(jobs()).containsExactlyInAnyOrder("prunegcrn-train-job-x", "prunegcrn-train-job-y");
            assertThat(client.batch().v1().jobs().inNamespace(NS).withName("prunegcrn-train-job-x").get().getMetadata().getUid())
                    .as("the old leader's Job is followed, not started again").isEqualTo(uid);
        } finally {
            if (queueA != null) {
                queueA.close();
            }
            queueB.close();
            a.destroy();
            b.destroy();
            clientB.close();
        }
    }

    private List<String> jobs() {
        return client.batch().v1().jobs().inNamespace(NS).list().getItems().stream().map(j -> j.getMetadata().getName()).toList();
    }

    private Lease lease() {
        return client.leases().inNamespace(NS).withName("prunegcrn-leader").get();
    }
}
