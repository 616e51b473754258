package io.prunegcrn.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/** The file the Helm chart mounts as /etc/prunegcrn/training.yaml binds as the chart means it (same shape as it renders). */
class TrainingPropertiesTests {

    private static final String CHART_RENDERED = """
            prunegcrn:
              training:
                runner: kubernetes
                max-parallel-jobs: 12
                kubernetes:
                  namespace: "ci"
                  image: "registry.example.com/traffic/prunegcrn-service:0.2.0"
                  data-claim: "prunegcrn-data"
                  env-config-map: "prunegcrn"
                  backoff-limit: 2
                  ttl-seconds-after-finished: 7200
                  termination-grace-period: 60s
                  lease-duration: 15s
                  requests:
                    "cpu": "2"
                    "memory": "6Gi"
                  node-selector:
                    "[node.kubernetes.io/instance-type]": "c6i.2xlarge"
                  annotations:
                    "[cluster-autoscaler.kubernetes.io/safe-to-evict]": "false"
                  image-pull-secrets:
                    - "registry-credentials"
                  # as JSON: Kubernetes' own shapes, read into the Job's pod spec as they are
                  tolerations: "[{\\"effect\\":\\"NoSchedule\\",\\"key\\":\\"dedicated\\",\\"operator\\":\\"Equal\\",\\"value\\":\\"training\\"}]"
                  affinity: "{\\"nodeAffinity\\":{\\"requiredDuringSchedulingIgnoredDuringExecution\\":{\\"nodeSelectorTerms\\":[{\\"matchExpressions\\":[{\\"key\\":\\"kubernetes.io/arch\\",\\"operator\\":\\"In\\",\\"values\\":[\\"amd64\\"]}]}]}}}"
            """;

    @Test
    void bindsTheChartsTrainingFileIncludingLabelKeysWithDotsAndSlashes() throws Exception {
        StandardEnvironment env = new StandardEnvironment();
        new YamlPropertySourceLoader().load("training.yaml", new ByteArrayResource(CHART_RENDERED.getBytes(StandardCharsets.UTF_8)))
                .forEach(env.getPropertySources()::addFirst);
        TrainingProperties p = new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("prunegcrn.training", TrainingProperties.class);

        assertThat(p.runner()).isEqualTo(TrainingProperties.Runner.KUBERNETES);
        assertThat(p.maxParallelJobs()).isEqualTo(12);
        assertThat(p.kubernetes().image()).isEqualTo("registry.example.com/traffic/prunegcrn-service:0.2.0");
        assertThat(p.kubernetes().backoffLimit()).isEqualTo(2);
        assertThat(p.kubernetes().terminationGracePeriod()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.kubernetes().requests()).containsEntry("cpu", "2").containsEntry("memory", "6Gi");
        assertThat(p.kubernetes().nodeSelector()).containsExactly(java.util.Map.entry("node.kubernetes.io/instance-type", "c6i.2xlarge"));
        assertThat(p.kubernetes().leaseName()).as("default").isEqualTo("prunegcrn-leader");
        assertThat(p.kubernetes().annotations()).containsExactly(java.util.Map.entry("cluster-autoscaler.kubernetes.io/safe-to-evict", "false"));
        assertThat(p.kubernetes().imagePullSecrets()).containsExactly("registry-credentials");
        assertThat(TrainerJobManifest.tolerations(p.kubernetes().tolerations())).singleElement()
                .satisfies(t -> assertThat(t.getValue()).isEqualTo("training"));
        assertThat(TrainerJobManifest.affinity(p.kubernetes().affinity()).getNodeAffinity()).isNotNull();
    }

    @Test
    void refusesTolerationsThatAreNotAListAtStart() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new org.springframework.core.env.SimpleCommandLinePropertySource(
                "--prunegcrn.training.kubernetes.tolerations={\"key\": \"dedicated\"}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Binder(ConfigurationPropertySources.get(env))
                .bindOrCreate("prunegcrn.training", TrainingProperties.class))
                .hasStackTraceContaining("prunegcrn.training.kubernetes.tolerations: not valid JSON");
    }

    @Test
    void keepsTheCaseOfChildEnvironmentVariables() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new org.springframework.core.env.SimpleCommandLinePropertySource(
                "--prunegcrn.training.process.environment[OMP_NUM_THREADS]=1"));
        TrainingProperties p = new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("prunegcrn.training", TrainingProperties.class);
        assertThat(p.process().environment()).containsExactly(java.util.Map.entry("OMP_NUM_THREADS", "1"));
    }

    @Test
    void inProcessIsTheDefaultWithTwoJobsSharingTheCores() {
        TrainingProperties p = bind();
        assertThat(p.runner()).isEqualTo(TrainingProperties.Runner.IN_PROCESS);
        assertThat(p.maxParallelJobs()).isEqualTo(2);
        assertThat(p.threads()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(p.queueCapacity()).isEqualTo(64);
        assertThat(p.maxEpochs()).isEqualTo(500);
    }

    @Test
    void threadsPerJobOverridesTheShareOfTheCores() {
        assertThat(bind("--prunegcrn.training.threads-per-job=3", "--prunegcrn.training.max-parallel-jobs=4").threads()).isEqualTo(3);
        assertThat(bind("--prunegcrn.training.max-parallel-jobs=1").threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(bind("--prunegcrn.training.max-parallel-jobs=" + (4 * Runtime.getRuntime().availableProcessors())).threads())
                .as("never below one thread").isEqualTo(1);
    }

    @Test
    void refusesImpossibleCountsAtStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bind("--prunegcrn.training.max-parallel-jobs=0"))
                .hasStackTraceContaining("max-parallel-jobs must be at least 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bind("--prunegcrn.training.threads-per-job=-1"))
                .hasStackTraceContaining("threads-per-job must be 0");
    }

    @Test
    void refusesTheRenamedConcurrencySettingByName() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new org.springframework.core.env.SimpleCommandLinePropertySource(
                "--prunegcrn.training.concurrency=2"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingProperties.refuseRenamed(env))
                .hasMessageContaining("prunegcrn.training.max-parallel-jobs");
        TrainingProperties.refuseRenamed(new StandardEnvironment());
    }

    private static TrainingProperties bind(String... args) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new org.springframework.core.env.SimpleCommandLinePropertySource(args));
        return new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("prunegcrn.training", TrainingProperties.class);
    }
}
