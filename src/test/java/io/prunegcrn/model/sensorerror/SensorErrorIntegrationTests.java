package io.prunegcrn.model.sensorerror;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.prunegcrn.PruneGcrnApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The explanation endpoints beside the model page. The pretrained model predates per-sensor errors: the first request computes them over the test split and stores
 * them. They must agree with the model's own test MAE, which the trainer computed over the same windows.
 */
@Tag("e2e")
class SensorErrorIntegrationTests {


    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void pretrainedModelComputesPerSensorErrorsOnFirstRequestAndStoresThem() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PruneGcrnApplication.class)
                .run("--server.port=0", "--prunegcrn.data-dir=" + dataDir, "--logging.level.root=WARN")) {
            String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/api/v1";
            Path stored = dataDir.resolve("models/los-loop-g025/sensor-errors.json");
            assertThat(stored).doesNotExist();

            HttpResponse<String> first = get(base + "/models/los-loop-g025/sensor-errors");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            JsonNode errors = json.readTree(first.body());
            assertThat(errors.get("sensors")).hasSize(207);
            assertThat(errors.get("windows").asInt()).isEqualTo(381); // 2016 steps: test split [1612, 2016), windows of 12 + 12 steps
            double sum = 0;
            int kept = 0;
            for (JsonNode s : errors.get("sensors")) {
                assertThat(s.get("rmse").asDouble()).isGreaterThanOrEqualTo(s.get("mae").asDouble());
                sum += s.get("mae").asDouble();
                kept += s.get("kept").asBoolean() ? 1 : 0;
            }
            assertThat(kept).isEqualTo(52);
            double modelMae = json.readTree(get(base + "/models/los-loop-g025").body()).get("test").get("average").get("mae").asDouble();
            assertThat(sum / 207).isCloseTo(modelMae, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(stored).exists();

            // the second answer is the stored file
            Files.writeString(stored, Files.readString(stored).replaceFirst("\"windows\":381", "\"windows\":382"));
            assertThat(json.readTree(get(base + "/models/los-loop-g025/sensor-errors").body()).get("windows").asInt()).isEqualTo(382);

            HttpResponse<String> missing = get(base + "/models/no-such-model/sensor-errors");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));

            JsonNode graph = json.readTree(get(base + "/datasets/los-loop/road-graph").body());
            int edges = json.readTree(get(base + "/datasets/los-loop").body()).get("roadEdges").asInt();
            assertThat(edges).isPositive();
            assertThat(graph.get("edges")).hasSize(edges);
            assertThat(graph.get("edges").get(0).get("from").asInt()).isBetween(0, 206);

            // the learned graph: each sensor's 3 strongest neighbours, never itself
            JsonNode learned = json.readTree(get(base + "/models/los-loop-g025/learned-graph?neighbours=3").body());
            assertThat(learned.get("edges")).hasSize(3 * 207);
            for (JsonNode e : learned.get("edges")) {
                assertThat(e.get("from").asInt()).isNotEqualTo(e.get("to").asInt());
                assertThat(e.get("weight").asDouble()).isBetween(0.0, 1.0);
            }
            assertThat(get(base + "/models/los-loop-g025/learned-graph?neighbours=0").statusCode()).isEqualTo(400);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(300)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
