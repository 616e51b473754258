package io.prunegcrn.model.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.prunegcrn.PruneGcrnApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service with the pretrained Los-loop model (N = 207): backtests over HTTP, and forecasts asked for at once. */
@Tag("e2e")
class BacktestIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void backtestsReproduceTheModelsTestMetricsAndStreamTheirForecasts() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PruneGcrnApplication.class)
                .run("--server.port=0", "--prunegcrn.data-dir=" + dataDir, "--logging.level.root=WARN")) {
            String model = base(app) + "/models/los-loop-g025";
            HttpClient http = HttpClient.newHttpClient();

            // the default range is the test split: the same windows as the test metrics stored when the model was trained
            JsonNode stored = JSON.readTree(get(http, model, "application/json").body()).get("test");
            JsonNode backtest = JSON.readTree(get(http, model + "/backtest", "application/json").body());
            assertThat(backtest.get("from").asInt()).isEqualTo(1612 + 12);
            assertThat(backtest.get("to").asInt()).isEqualTo(2016 - 12 + 1);
            assertThat(backtest.get("windows").asInt()).isEqualTo(381);
            for (String metric : List.of("mae", "rmse", "mape")) {
                assertThat(backtest.get("metrics").get("average").get(metric).asDouble()).as(metric)
                        .isCloseTo(stored.get("average").get(metric).asDouble(), within(1e-3));
                assertThat(backtest.get("metrics").get("perHorizon").get(11).get(metric).asDouble()).as(metric + " at step 12")
                        .isCloseTo(stored.get("perHorizon").get(11).get(metric).asDouble(), within(1e-3));
            }

            // NDJSON: header, one forecast per window, progress after every batch, then the metrics
            HttpResponse<String> ndjson = get(http, model + "/backtest?from=1000&to=1010&batchSize=4", "application/x-ndjson");
            assertThat(ndjson.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
            List<JsonNode> lines = new ArrayList<>();
            for (String line : ndjson.body().split("\n")) {
                lines.add(JSON.readTree(line));
            }
            assertThat(lines.stream().map(l -> l.get("type").asString()).toList()).containsExactly("header",
                    "forecast", "forecast", "forecast", "forecast", "progress",
                    "forecast", "forecast", "forecast", "forecast", "progress",
                    "forecast", "forecast", "progress", "result");
            assertThat(lines.get(0).get("sensorIds")).hasSize(207);
            JsonNode first = lines.get(1);
            assertThat(first.get("step").asInt()).isEqualTo(1000);
            assertThat(first.get("forecast")).hasSize(12);
            assertThat(first.get("forecast").get(0)).hasSize(207);
            assertThat(lines.get(13).get("done").asInt()).isEqualTo(10);

            // what the model page reads: the same stream without the forecasts
            HttpResponse<String> progressOnly = get(http, model + "/backtest?from=1000&to=1010&batchSize=4&forecasts=false",
                    "application/x-ndjson");
            List<String> types = new ArrayList<>();
            for (String line : progressOnly.body().split("\n")) {
                types.add(JSON.readTree(line).get("type").asString());
            }
            assertThat(types).containsExactly("header", "progress", "progress", "progress", "result");

            // the same window through the forecast endpoint (and its batching) gives the same numbers
            JsonNode single = JSON.readTree(get(http, model + "/forecast?step=1000", "application/json").body());
            for (int i : new int[] {0, 57, 206}) {
                assertThat(single.get("sensors").get(i).get("forecast").get(3).asDouble())
                        .isCloseTo(first.get("forecast").get(3).get(i).asDouble(), within(1e-3));
            }

            // CSV: a row per step, horizon step and sensor, with the actual reading beside the forecast
            HttpResponse<String> csv = get(http, model + "/backtest?from=1000&to=1002", "text/csv");
            String[] rows = csv.body().split("\n");
            assertThat(rows[0]).isEqualTo("step,horizon,sensor,forecast,actual");
            assertThat(rows).hasSize(1 + 2 * 12 * 207);
            String[] cells = rows[1].split(",");
            assertThat(cells[0]).isEqualTo("1000");
            assertThat(cells[1]).isEqualTo("1");
            assertThat(Double.parseDouble(cells[3])).isCloseTo(single.get("sensors").get(0).get("forecast").get(0).asDouble(), within(1e-3));
            assertThat(Double.parseDouble(cells[4])).isCloseTo(single.get("sensors").get(0).get("actual").get(0).asDouble(), within(1e-4));

            // a range outside the series is a problem detail, not a broken stream
            HttpResponse<String> outside = send(http, model + "/backtest?from=2010", "application/x-ndjson");
            assertThat(outside.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(outside.body()).get("field").asString()).isEqualTo("from");
        }
    }

    @Test
    void concurrentForecastsForDifferentStepsEachGetTheirOwnWindow() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PruneGcrnApplication.class)
                .run("--server.port=0", "--prunegcrn.data-dir=" + dataDir, "--logging.level.root=WARN",
                        "--prunegcrn.forecast.batching.max-wait=50ms")) {
            String model = base(app) + "/models/los-loop-g025";
            HttpClient http = HttpClient.newHttpClient();
            int[] steps = {100, 500, 900, 1300, 1700, 2000};
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int step : steps) {
                answers.add(http.sendAsync(request(model + "/forecast?step=" + step, "application/json"), HttpResponse.BodyHandlers.ofString()));
            }
            for (int k = 0; k < steps.length; k++) {
                JsonNode forecast = JSON.readTree(answers.get(k).get().body());
                assertThat(forecast.get("fromStep").asInt()).isEqualTo(steps[k]);
                JsonNode alone = JSON.readTree(get(http, model + "/backtest?from=" + steps[k] + "&to=" + (steps[k] + 1), "application/x-ndjson")
                        .body().split("\n")[1]);
                for (int i : new int[] {0, 100, 206}) {
                    assertThat(forecast.get("sensors").get(i).get("forecast").get(11).asDouble()).as("step %d sensor %d", steps[k], i)
                            .isCloseTo(alone.get("forecast").get(11).get(i).asDouble(), within(1e-3));
                }
            }
        }
    }

    @Test
    void aBacktestBeyondTheBoundedPoolIs429WithRetryAfterUntilASlotFrees() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PruneGcrnApplication.class)
                .run("--server.port=0", "--prunegcrn.data-dir=" + dataDir, "--logging.level.root=WARN",
                        "--prunegcrn.forecast.limits.backtests.concurrent=1", "--prunegcrn.forecast.limits.backtests.queue=0",
                        "--prunegcrn.forecast.limits.backtests.retry-after=7s")) {
            String model = base(app) + "/models/los-loop-g025";
            HttpClient http = HttpClient.newHttpClient();
            // a slow backtest (one window a pass) holds the only slot once its first progress line is out
            HttpResponse<java.util.stream.Stream<String>> slow = http.send(request(model + "/backtest?batchSize=1&forecasts=false",
                    "application/x-ndjson"), HttpResponse.BodyHandlers.ofLines());
            assertThat(slow.statusCode()).isEqualTo(200);
            java.util.Iterator<String> lines = slow.body().iterator();
            assertThat(lines.next()).contains("\"header\"");
            assertThat(lines.next()).contains("\"progress\"");

            HttpResponse<String> refused = send(http, model + "/backtest?from=1000&to=1002", "application/json");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).contains("7");
            assertThat(JSON.readTree(refused.body()).get("detail").asString()).contains("too many backtests at once");
            HttpResponse<String> refusedStream = send(http, model + "/backtest?from=1000&to=1002", "application/x-ndjson");
            assertThat(refusedStream.statusCode()).as("a stream is refused before its first line").isEqualTo(429);
            assertThat(send(http, model + "/forecast?step=1000", "application/json").statusCode()).as("forecasts have a pool of their own")
                    .isEqualTo(200);

            slow.body().close(); // the client goes away: the backtest stops at its next line and frees the slot
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int status = 429;
            while (status == 429 && System.nanoTime() < deadline) {
                status = send(http, model + "/backtest?from=1000&to=1002", "application/json").statusCode();
                Thread.sleep(50);
            }
            assertThat(status).isEqualTo(200);
        }
    }

    private static String base(ConfigurableApplicationContext app) {
        return "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/api/v1";
    }

    private static HttpRequest request(String url, String accept) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(20)).header("Accept", accept).GET().build();
    }

    private static HttpResponse<String> send(HttpClient http, String url, String accept) throws Exception {
        return http.send(request(url, accept), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient http, String url, String accept) throws Exception {
        HttpResponse<String> r = send(http, url, accept);
        assertThat(r.statusCode()).as(url + " -> " + r.body()).isEqualTo(200);
        return r;
    }
}
