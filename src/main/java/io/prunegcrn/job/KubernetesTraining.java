package io.prunegcrn.job;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;

/**
 * The kubernetes runner's connection to the cluster: the client (in a pod: its service account), the runner, and the
 * leader election over a {@code Lease}. Every replica serves reads and accepts jobs; the one holding the Lease starts
 * the trainers. When the leader dies its Lease runs out ({@code lease-duration}) and another replica takes the queue
 * over; it re-attaches to the Jobs that still run, because Jobs and job records are all on the cluster and the volume.
 */
@Component
@ConditionalOnProperty(name = "prunegcrn.training.runner", havingValue = "kubernetes")
class KubernetesTraining implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KubernetesTraining.class);

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final TrainingProperties.Kubernetes settings;
    private final String namespace;
    private final String identity;
    private final AtomicReference<Runnable> onChange = new AtomicReference<>(() -> {
    });
    private final AtomicReference<CompletableFuture<?>> election = new AtomicReference<>();
    private volatile boolean leader;
    private volatile boolean closed;

    KubernetesTraining(TrainingProperties properties, ObjectProvider<KubernetesClient> clients) {
        KubernetesClient given = clients.getIfAvailable();
        this.client = given != null ? given : new KubernetesClientBuilder().build();
        this.ownsClient = given == null;
        this.settings = properties.kubernetes();
        this.namespace = settings.namespace().isBlank() ? client.getNamespace() : settings.namespace();
        String host = System.getenv("HOSTNAME");
        this.identity = (host == null || host.isBlank() ? "prunegcrn" : host) + "-" + UUID.randomUUID().toString().substring(0, 8);
        campaign();
    }

    /** The runner; the queue it reports changes to is woken through {@link #onChange}. */
    ExternalRunner runner() {
        return new KubernetesRunner(client, namespace, settings, () -> onChange.get().run());
    }

    void onChange(Runnable r) {
        onChange.set(r);
    }

    boolean isLeader() {
        return leader;
    }

    String identity() {
        return identity;
    }

    /** Stands as a candidate until it leads; after losing the lead it stands again. */
    private void campaign() {
        if (closed) {
            return;
        }
        CompletableFuture<?> f = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName("prunegcrn-training-queue")
                .withLock(new LeaseLock(namespace, settings.leaseName(), identity))
                .withLeaseDuration(settings.leaseDuration()).withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(() -> {
                    log.info("{} leads the training queue (Lease {}/{})", identity, namespace, settings.leaseName());
                    leader = true;
                    onChange.get().run();
                }, () -> {
                    log.info("{} no longer leads the training queue", identity);
                    leader = false;
                }, newLeader -> log.info("training queue leader: {}", newLeader)))
                .build()).build().start();
        election.set(f);
        f.whenComplete((v, e) -> {
            leader = false;
            if (!closed) {
                campaign();
            }
        });
    }

    /** Gives the Lease back (another replica leads at once) and closes the client if it made it. */
    @Override
    public void destroy() {
        closed = true;
        CompletableFuture<?> f = election.get();
        if (f != null) {
            f.cancel(true);
        }
        leader = false;
        if (ownsClient) {
            client.close();
        }
    }
}
