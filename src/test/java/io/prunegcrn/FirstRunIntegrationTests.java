package io.prunegcrn;

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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A fresh start over an empty data directory answers models, retained sensors and forecasts at once. */
@Tag("e2e")
class FirstRunIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void thePretrainedLosLoopModelIsInstalledAndForecasts() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PruneGcrnApplication.class)
                .run("--server.port=0", "--prunegcrn.data-dir=" + dataDir, "--logging.level.root=WARN")) {
            String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/api/v1";
            HttpClient http = HttpClient.newHttpClient();
            JsonMapper json = JsonMapper.builder().build();

            JsonNode models = json.readTree(get(http, base + "/models"));
            assertThat(models.findValuesAsString("id")).contains("los-loop-g025");

            JsonNode model = json.readTree(get(http, base + "/models/los-loop-g025"));
            assertThat(model.get("sensors").asInt()).isEqualTo(207);
            assertThat(model.get("sensorsKept").asInt()).isEqualTo(52);
            assertThat(model.get("budget").asInt()).isEqualTo(52);
            assertThat(model.get("hyperparameters").get("gamma").asDouble()).isEqualTo(0.25);

            JsonNode retained = json.readTree(get(http, base + "/models/los-loop-g025/retained-nodes"));
            assertThat(retained.get("retained")).hasSize(52);
            assertThat(retained.get("retained").get(0).get("latitude").asDouble()).isBetween(33.0, 35.0);

            JsonNode forecast = json.readTree(get(http, base + "/models/los-loop-g025/forecast?step=1900"));
            assertThat(forecast.get("sensors")).hasSize(207);
            double error = 0;
            int count = 0;
            for (JsonNode s : forecast.get("sensors")) {
                for (int h = 0; h < 12; h++) {
                    error += Math.abs(s.get("forecast").get(h).asDouble() - s.get("actual").get(h).asDouble());
                    count++;
                }
            }
            // a sane forecast of speeds in mph: the model's test MAE is about 5.8
            assertThat(error / count).isLessThan(15);
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + " -> " + r.body()).isEqualTo(200);
        return r.body();
    }
}
