package io.prunegcrn.job;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * One batch/v1 Job per training job ({@link TrainerJobManifest}), followed with an informer over the Jobs of this
 * service. The Job's name is derived from the job id, so a second launch of the same job (a new leader that has not
 * seen the first yet) is refused by the API server instead of training twice.
 *
 * <p>The informer's cache follows the API server by a watch event (under load, tens of milliseconds). Until that
 * event arrives, a Job this runner has just created is read from the API server: taken as absent, a cancel would
 * treat its job as one without a trainer, end it CANCELLED and leave the Job to run.
 */
final class KubernetesRunner implements ExternalRunner {

    private static final Logger log = LoggerFactory.getLogger(KubernetesRunner.class);

    private final KubernetesClient client;
    private final String namespace;
    private final TrainerJobManifest manifest;
    private final SharedIndexInformer<Job> informer;
    /** Names of Jobs created here that the informer had not listed when last asked. */
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    /** @param onChange called when a Job of this service changes (the queue looks at once) */
    KubernetesRunner(KubernetesClient client, String namespace, TrainingProperties.Kubernetes settings, Runnable onChange) {
        this.client = client;
        this.namespace = namespace;
        this.manifest = new TrainerJobManifest(settings);
        this.informer = client.batch().v1().jobs().inNamespace(namespace)
                .withLabel(TrainerJobManifest.COMPONENT, TrainerJobManifest.TRAINER)
                .withLabel(TrainerJobManifest.INSTANCE, settings.instance())
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Job job) {
                        onChange.run();
                    }

                    @Override
                    public void onUpdate(Job before, Job after) {
                        onChange.run();
                    }

                    @Override
                    public void onDelete(Job job, boolean unknownFinalState) {
                        onChange.run();
                    }
                }, 0);
    }

    @Override
    public boolean ready() {
        return informer.hasSynced();
    }

    @Override
    public void launch(TrainingJob job) {
        Job k8sJob = manifest.jobFor(job);
        String name = k8sJob.getMetadata().getName();
        created.add(name);
        try {
            client.batch().v1().jobs().inNamespace(namespace).resource(k8sJob).create();
            log.info("job {}: created Kubernetes Job {}", job.id(), name);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                created.remove(name);
                throw e;
            }
            log.info("job {}: Kubernetes Job {} exists already; following it", job.id(), name);
        }
    }

    /** Deletes the Job and its pods; the trainer gets SIGTERM and checkpoints within the grace period. */
    @Override
    public void stop(String jobId) {
        client.batch().v1().jobs().inNamespace(namespace).withName(TrainerJobManifest.nameFor(jobId))
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }

    @Override
    public Optional<RunState> state(String jobId) {
        return live(TrainerJobManifest.nameFor(jobId)).map(this::stateOf);
    }

    /** The Job of that name unless it is gone or being deleted: as the informer lists it, or as created here. */
    private Optional<Job> live(String name) {
        Job job = informer.getStore().getByKey(namespace + "/" + name);
        if (job != null) {
            created.remove(name);
        } else if (created.contains(name)) {
            job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
            if (job == null) {
                created.remove(name);
            }
        }
        return Optional.ofNullable(job).filter(j -> j.getMetadata().getDeletionTimestamp() == null);
    }

    RunState stateOf(Job job) {
        JobStatus s = job.getStatus();
        if (s == null) {
            return new RunState(RunState.Phase.PENDING, null);
        }
        if (hasCondition(s, "Complete")) {
            return new RunState(RunState.Phase.SUCCEEDED, null);
        }
        if (hasCondition(s, "Failed")) {
            return new RunState(RunState.Phase.FAILED, failureReason(job));
        }
        if (s.getReady() != null && s.getReady() > 0) {
            return new RunState(RunState.Phase.RUNNING, null);
        }
        return new RunState(RunState.Phase.PENDING, null);
    }

    private static boolean hasCondition(JobStatus s, String type) {
        return s.getConditions() != null
                && s.getConditions().stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Why the Job failed: the last pod's termination (OOMKilled, Error with its exit code) and the Job's own reason. */
    private String failureReason(Job job) {
        JobCondition failed = job.getStatus().getConditions().stream().filter(c -> "Failed".equals(c.getType()))
                .findFirst().orElseThrow();
        String jobReason = Objects.toString(failed.getReason(), "Failed")
                + (failed.getMessage() == null ? "" : " (" + failed.getMessage() + ")");
        Map<String, ContainerStateTerminated> terminations = new LinkedHashMap<>();
        List<Pod> pods = client.pods().inNamespace(namespace)
                .withLabel(TrainerJobManifest.JOB_ID, job.getMetadata().getLabels().get(TrainerJobManifest.JOB_ID)).list().getItems();
        for (Pod pod : pods) {
            if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
                continue;
            }
            for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
                ContainerStateTerminated t = cs.getState() != null ? cs.getState().getTerminated() : null;
                if (t == null && cs.getLastState() != null) {
                    t = cs.getLastState().getTerminated();
                }
                if (t != null) {
                    terminations.put(pod.getMetadata().getName(), t);
                }
            }
        }
        Optional<Map.Entry<String, ContainerStateTerminated>> last = terminations.entrySet().stream()
                .max(Comparator.comparing(e -> Objects.toString(e.getValue().getFinishedAt(), "")));
        return last.map(e -> "trainer pod " + e.getKey() + " " + Objects.toString(e.getValue().getReason(), "terminated")
                + " (exit " + e.getValue().getExitCode() + "); Job " + jobReason).orElse("Job " + jobReason);
    }

    @Override
    public int activeCount() {
        Set<String> names = new HashSet<>(created);
        informer.getStore().list().forEach(j -> names.add(j.getMetadata().getName()));
        return (int) names.stream().map(this::live).flatMap(Optional::stream).filter(j -> !finished(j)).count();
    }

    private static boolean finished(Job job) {
        return job.getStatus() != null && (hasCondition(job.getStatus(), "Complete") || hasCondition(job.getStatus(), "Failed"));
    }

    @Override
    public void close() {
        informer.close();
    }
}
