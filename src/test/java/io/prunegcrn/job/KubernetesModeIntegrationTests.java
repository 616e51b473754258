package io.prunegcrn.job;

import static io.prunegcrn.job.KubernetesRunnerTests.NS;
import static io.prunegcrn.job.KubernetesRunnerTests.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.prunegcrn.PruneGcrnApplication;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service with {@code prunegcrn.training.runner=kubernetes} over the mock API server: a job submitted over HTTP
 * becomes a Job once the replica leads, and DELETE removes the Job and ends the job CANCELLED.
 */
@Tag("e2e")
@EnableKubernetesMockClient(crud = true)
class KubernetesModeIntegrationTests {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dataDir;

    @Test
    void aSubmittedJobBecomesAKubernetesJobAndCancelDeletesIt() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonMapper json = JsonMapper.builder().build();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PruneGcrnApplication.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("kubernetesClient", client))
                .run("--server.port=0", "--prunegcrn.data-dir=" + dataDir, "--prunegcrn.pretrained.install=false",
                        "--logging.level.root=WARN", "--prunegcrn.training.runner=kubernetes",
                        "--prunegcrn.training.poll-interval=200ms", "--prunegcrn.training.kubernetes.namespace=" + NS,
                        "--prunegcrn.training.kubernetes.image=registry.example.com/prunegcrn-service:0.2.0",
                        "--prunegcrn.training.kubernetes.lease-duration=2s", "--prunegcrn.training.kubernetes.renew-deadline=1500ms",
                        "--prunegcrn.training.kubernetes.retry-period=200ms")) {
            String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/training-jobs"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"datasetId\":\"los-loop\",\"gamma\":0.25,\"epochs\":5}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            String id = json.readTree(posted.body()).get("id").asString();

            waitFor(() -> job(id) != null);
            assertThat(job(id).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly("train-job", id);
            assertThat(status(http, json, base, id)).isEqualTo("QUEUED");

            HttpResponse<String> cancel = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/training-jobs/" + id))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(cancel.statusCode()).isEqualTo(200);
            waitFor(() -> job(id) == null);
            waitFor(() -> "CANCELLED".equals(status(http, json, base, id)));
        }
    }

    private Job job(String id) {
        return client.batch().v1().jobs().inNamespace(NS).withName(TrainerJobManifest.nameFor(id)).get();
    }

    private static String status(HttpClient http, JsonMapper json, String base, String id) {
        try {
            return json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/training-jobs/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("status").asString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
