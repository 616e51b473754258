package io.prunegcrn.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The batch/v1 Job that trains one training job: the service's image running the trainer entry point
 * ({@code train-job ID}), the shared data claim mounted where the service has it, resources and node selector from
 * the settings, {@code restartPolicy: Never} with a {@code backoffLimit} (a lost node or an OOM kill starts a new pod,
 * which resumes from the checkpoint; an eviction does not count), {@code ttlSecondsAfterFinished}, and labels that
 * tie it to the job. Its {@code app.kubernetes.io/component} is {@value #TRAINER}, so the API's selector (component
 * {@code api} in the chart) never takes trainer pods for API pods. Pull secrets, tolerations, affinity and pod
 * annotations come from the settings; the threads follow the CPU request.
 */
final class TrainerJobManifest {

    static final String NAME = "app.kubernetes.io/name";
    static final String INSTANCE = "app.kubernetes.io/instance";
    static final String COMPONENT = "app.kubernetes.io/component";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String JOB_ID = "prunegcrn.io/job-id";
    static final String TRAINER = "trainer";
    private static final String PREFIX = "prunegcrn-train-";

    private final TrainingProperties.Kubernetes settings;

    TrainerJobManifest(TrainingProperties.Kubernetes settings) {
        this.settings = settings;
    }

    /** A DNS-1123 name from the job id (job ids are already lower-case letters, digits and '-', '.', '_'). */
    static String nameFor(String jobId) {
        String name = PREFIX + jobId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
    }

    Map<String, String> labels(String jobId) {
        Map<String, String> labels = new LinkedHashMap<>(settings.labels());
        labels.put(NAME, "prunegcrn");
        labels.put(INSTANCE, settings.instance());
        labels.put(COMPONENT, TRAINER);
        labels.put(MANAGED_BY, "prunegcrn-service");
        labels.put(JOB_ID, jobId);
        return labels;
    }

    Job jobFor(TrainingJob job) {
        Map<String, String> labels = labels(job.id());
        List<EnvVar> env = new ArrayList<>(List.of(new EnvVar("PRUNEGCRN_DATA_DIR", settings.dataMountPath(), null),
                new EnvVar("JAVACPP_CACHE_DIR", "/tmp/javacpp", null)));
        threads().ifPresent(n -> {
            // ND4J's OpenMP and the JVM would otherwise size themselves by the node's cores, not by what the pod asked
            // for; set here, they win over the service's ConfigMap (envFrom). The entrypoint reads the second.
            env.add(new EnvVar("OMP_NUM_THREADS", Integer.toString(n), null));
            env.add(new EnvVar("JAVA_ACTIVE_PROCESSOR_COUNT", Integer.toString(n), null));
        });
        ContainerBuilder container = new ContainerBuilder().withName(TRAINER).withImage(settings.image())
                .withImagePullPolicy(settings.imagePullPolicy())
                .withArgs(TrainerMain.COMMAND, job.id())
                .withEnv(env)
                .withResources(new ResourceRequirementsBuilder().withRequests(quantities(settings.requests()))
                        .withLimits(quantities(settings.limits())).build())
                .withNewSecurityContext().withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false)
                .withPrivileged(false).withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .withVolumeMounts(new VolumeMountBuilder().withName("data").withMountPath(settings.dataMountPath()).build(),
                        new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        if (!settings.envConfigMap().isBlank()) {
            // the JVM memory shares and other settings the service's pod gets from its ConfigMap
            container.withEnvFrom(List.<EnvFromSource>of(new EnvFromSourceBuilder().withNewConfigMapRef()
                    .withName(settings.envConfigMap()).endConfigMapRef().build()));
        }
        PodSpecBuilder pod = new PodSpecBuilder().withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withTerminationGracePeriodSeconds(settings.terminationGracePeriod().toSeconds())
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(10001L).withRunAsGroup(10001L)
                .withFsGroup(10001L).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .withNodeSelector(settings.nodeSelector().isEmpty() ? null : settings.nodeSelector())
                .withImagePullSecrets(settings.imagePullSecrets().stream().map(LocalObjectReference::new).toList())
                .withTolerations(tolerations(settings.tolerations()))
                .withAffinity(affinity(settings.affinity()))
                .withContainers(container.build())
                .withVolumes(new VolumeBuilder().withName("data").withNewPersistentVolumeClaim()
                        .withClaimName(settings.dataClaim()).endPersistentVolumeClaim().build(),
                        new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        if (!settings.serviceAccount().isBlank()) {
            pod.withServiceAccountName(settings.serviceAccount());
        }
        return new JobBuilder().withNewMetadata().withName(nameFor(job.id())).withLabels(labels)
                .addToAnnotations("prunegcrn.io/dataset", job.datasetId()).endMetadata()
                .withNewSpec().withBackoffLimit(settings.backoffLimit())
                // a pod evicted or preempted (drain, spot node) checkpointed on SIGTERM: its restart is not a failure
                .withNewPodFailurePolicy().addNewRule().withAction("Ignore").addNewOnPodCondition().withType("DisruptionTarget")
                .withStatus("True").endOnPodCondition().endRule().endPodFailurePolicy()
                .withTtlSecondsAfterFinished(settings.ttlSecondsAfterFinished())
                .withNewTemplate().withNewMetadata().withLabels(labels)
                .withAnnotations(settings.annotations().isEmpty() ? null : settings.annotations()).endMetadata()
                .withSpec(pod.build()).endTemplate()
                .endSpec().build();
    }

    /** Threads of the trainer: its CPU request (else its limit) rounded up, at least 1; empty when neither is set. */
    Optional<Integer> threads() {
        String cpu = settings.requests().getOrDefault("cpu", settings.limits().get("cpu"));
        if (cpu == null || cpu.isBlank()) {
            return Optional.empty();
        }
        BigDecimal cores = new Quantity(cpu).getNumericalAmount();
        return Optional.of(Math.max(1, cores.setScale(0, RoundingMode.CEILING).intValueExact()));
    }

    static List<Toleration> tolerations(String json) {
        return json.isBlank() ? null : List.of(parse("tolerations", json, Toleration[].class));
    }

    static Affinity affinity(String json) {
        return json.isBlank() ? null : parse("affinity", json, Affinity.class);
    }

    private static <T> T parse(String what, String json, Class<T> type) {
        try {
            return Serialization.unmarshal(json, type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("prunegcrn.training.kubernetes." + what + ": not valid JSON for Kubernetes' "
                    + what + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> q = new LinkedHashMap<>();
        values.forEach((k, v) -> q.put(k, new Quantity(v)));
        return q.isEmpty() ? null : q;
    }
}
