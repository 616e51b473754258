package io.prunegcrn.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.PropertyResolver;

/**
 * How training jobs run, under {@code prunegcrn.training.*}: one record for every runner.
 *
 * @param runner          {@code in-process} (threads of the service, the default), {@code process} (one child JVM
 *                        per job) or {@code kubernetes} (one batch/v1 Job per job)
 * @param maxParallelJobs jobs that train at once, with any runner; more wait in the queue. Two jobs of one thread each
 *                        train 1.63× the steps of one job on two cores (docs/BENCHMARKS.md), hence the default
 * @param threadsPerJob   native and Java threads of each in-process job and each trainer process; 0 = cores /
 *                        max-parallel-jobs (at least 1). Kubernetes trainers take theirs from their CPU request
 * @param queueCapacity   jobs that may wait; beyond it a submission is answered 429
 * @param maxEpochs       the most epochs one job may ask for
 * @param pollInterval    how often the service follows its trainers and the job records they write
 * @param process         the process runner
 * @param kubernetes      the kubernetes runner
 */
@ConfigurationProperties("prunegcrn.training")
record TrainingProperties(@DefaultValue("in-process") Runner runner, @DefaultValue("2") int maxParallelJobs,
        @DefaultValue("0") int threadsPerJob, @DefaultValue("64") int queueCapacity, @DefaultValue("500") int maxEpochs,
        @DefaultValue("2s") Duration pollInterval, @DefaultValue Process process, @DefaultValue Kubernetes kubernetes) {

    enum Runner {
        IN_PROCESS, PROCESS, KUBERNETES
    }

    TrainingProperties {
        if (maxParallelJobs < 1) {
            throw new IllegalArgumentException("prunegcrn.training.max-parallel-jobs must be at least 1");
        }
        if (threadsPerJob < 0) {
            throw new IllegalArgumentException("prunegcrn.training.threads-per-job must be 0 (cores / max-parallel-jobs) or more");
        }
        if (queueCapacity < 0 || maxEpochs < 1) {
            throw new IllegalArgumentException("prunegcrn.training.queue-capacity must be 0 or more and max-epochs at least 1");
        }
    }

    /**
     * Fails the start when the setting that {@code max-parallel-jobs} replaced is still given: ignored, it would change
     * how many jobs run at once without the operator knowing.
     */
    static void refuseRenamed(PropertyResolver environment) {
        if (environment.containsProperty("prunegcrn.training.concurrency")) {
            throw new IllegalStateException("prunegcrn.training.concurrency (PRUNEGCRN_TRAINING_CONCURRENCY) is now "
                    + "prunegcrn.training.max-parallel-jobs (PRUNEGCRN_TRAINING_MAX_PARALLEL_JOBS), for every runner");
        }
    }

    /** Threads of one job: the setting, or this machine's cores shared among the jobs that run at once. */
    int threads() {
        return threadsPerJob > 0 ? threadsPerJob : Math.max(1, Runtime.getRuntime().availableProcessors() / maxParallelJobs);
    }

    /**
     * @param javaCommand  the java executable; "" = the one running the service
     * @param jvmOptions   options for each child JVM, e.g. -Xmx2g and the JavaCPP memory limits
     * @param backoffLimit restarts of a trainer that died (killed, crashed) before its job is FAILED; each resumes from the checkpoint
     * @param environment  extra environment of each child; OMP_NUM_THREADS defaults to threads-per-job, so that
     *                     parallel children share the cores instead of each spinning a thread per core
     */
    record Process(@DefaultValue("") String javaCommand, @DefaultValue List<String> jvmOptions,
            @DefaultValue("2") int backoffLimit, @DefaultValue Map<String, String> environment) {
    }

    /**
     * @param namespace               "" = the service's own (in a pod: its service account's namespace)
     * @param image                   the service's image; trainers run the same jar
     * @param imagePullPolicy         of the trainer container
     * @param serviceAccount          of trainer pods ("" = the namespace's default; trainers need no API access)
     * @param dataClaim               the ReadWriteMany claim holding the data directory, shared with the service
     * @param dataMountPath           where trainers mount it (PRUNEGCRN_DATA_DIR)
     * @param envConfigMap            a ConfigMap whose entries become the trainer's environment (JVM memory shares...)
     * @param requests                trainer resource requests, e.g. cpu: 2, memory: 8Gi
     * @param limits                  trainer resource limits
     * @param nodeSelector            where trainers may run
     * @param labels                  extra labels on Jobs and their pods
     * @param instance                value of the {@code app.kubernetes.io/instance} label: which service owns the Jobs
     * @param backoffLimit            pod restarts (lost node, OOM) before the Job fails; each resumes from the checkpoint
     * @param ttlSecondsAfterFinished when Kubernetes deletes a finished Job and its pods
     * @param terminationGracePeriod  time for the trainer to checkpoint after SIGTERM
     * @param leaseName               the Lease whose holder owns the queue
     * @param leaseDuration           how long a dead leader holds the queue
     * @param renewDeadline           how long the leader keeps trying to renew
     * @param retryPeriod             how often candidates try to acquire or renew
     * @param imagePullSecrets        Secrets the trainer pods pull the image with (a private registry)
     * @param annotations             extra annotations on trainer pods
     * @param tolerations             trainer pods' tolerations as JSON (Kubernetes' shape), "" = none
     * @param affinity                trainer pods' affinity as JSON (Kubernetes' shape), "" = none
     */
    record Kubernetes(@DefaultValue("") String namespace, @DefaultValue("prunegcrn-service:latest") String image,
            @DefaultValue("IfNotPresent") String imagePullPolicy, @DefaultValue("") String serviceAccount,
            @DefaultValue("prunegcrn-data") String dataClaim, @DefaultValue("/data") String dataMountPath,
            @DefaultValue("") String envConfigMap, @DefaultValue Map<String, String> requests,
            @DefaultValue Map<String, String> limits, @DefaultValue Map<String, String> nodeSelector,
            @DefaultValue Map<String, String> labels, @DefaultValue("prunegcrn") String instance,
            @DefaultValue("3") int backoffLimit, @DefaultValue("86400") int ttlSecondsAfterFinished,
            @DefaultValue("60s") Duration terminationGracePeriod, @DefaultValue("prunegcrn-leader") String leaseName,
            @DefaultValue("15s") Duration leaseDuration, @DefaultValue("10s") Duration renewDeadline,
            @DefaultValue("2s") Duration retryPeriod, @DefaultValue List<String> imagePullSecrets,
            @DefaultValue Map<String, String> annotations, @DefaultValue("") String tolerations,
            @DefaultValue("") String affinity) {

        Kubernetes {
            // a typo fails at start, not at the first training job
            TrainerJobManifest.tolerations(tolerations);
            TrainerJobManifest.affinity(affinity);
        }
    }
}
