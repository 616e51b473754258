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
class RunnerPropertiesTests {

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
        RunnerProperties p = new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("prunegcrn.training", RunnerProperties.class);

        assertThat(p.runner()).isEqualTo(RunnerProperties.Runner.KUBERNETES);
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
                .bindOrCreate("prunegcrn.training", RunnerProperties.class))
                .hasStackTraceContaining("prunegcrn.training.kubernetes.tolerations: not valid JSON");
    }

    @Test
    void keepsTheCaseOfChildEnvironmentVariables() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new org.springframework.core.env.SimpleCommandLinePropertySource(
                "--prunegcrn.training.process.environment[OMP_NUM_THREADS]=1"));
        RunnerProperties p = new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("prunegcrn.training", RunnerProperties.class);
        assertThat(p.process().environment()).containsExactly(java.util.Map.entry("OMP_NUM_THREADS", "1"));
    }

    @Test
    void inProcessIsTheDefault() {
        RunnerProperties p = new Binder(ConfigurationPropertySources.get(new StandardEnvironment()))
                .bindOrCreate("prunegcrn.training", RunnerProperties.class);
        assertThat(p.runner()).isEqualTo(RunnerProperties.Runner.IN_PROCESS);
    }
}
