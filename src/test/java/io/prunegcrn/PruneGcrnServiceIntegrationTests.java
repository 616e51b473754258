package io.prunegcrn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service as a user runs it: a real server on a random port over a temporary data directory, driven over
 * HTTP. Uploads a small network, trains a tiny model, reads what the product promises, restarts.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PruneGcrnServiceIntegrationTests {

    @TempDir
    static Path dataDir;

    private static ConfigurableApplicationContext app;
    private static String base;
    private static String modelId;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        app = startApp();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static ConfigurableApplicationContext startApp() {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(PruneGcrnApplication.class).run(
                "--server.port=0", "--prunegcrn.data-dir=" + dataDir, "--prunegcrn.pretrained.install=false",
                "--spring.servlet.multipart.max-file-size=64KB", "--spring.servlet.multipart.max-request-size=128KB",
                "--logging.level.root=WARN");
        base = "http://localhost:" + ((WebServerApplicationContext) ctx).getWebServer().getPort();
        return ctx;
    }

    @Test
    @Order(1)
    void uploadsASmallNetworkWithCoordinatesAndRoadGraph() throws Exception {
        HttpResponse<String> r = upload("small", series(8, 150, false), locations(8), "from,to,cost\ns0,s1,100\n1,2,250\n");

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location")).contains("/api/v1/datasets/small");
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("sensors").asInt()).isEqualTo(8);
        assertThat(body.get("steps").asInt()).isEqualTo(150);
        assertThat(body.get("split").get("trainSteps").asInt()).isEqualTo(90);
        assertThat(body.get("roadEdges").asInt()).isEqualTo(2);
        assertThat(body.get("sensorList").get(3).get("latitude").asDouble()).isEqualTo(34.03);

        JsonNode list = json.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets")).GET()).body());
        assertThat(list.get("items").findValuesAsString("id")).contains("los-loop", "small");
    }

    @Test
    @Order(2)
    void theOpenApiDocumentNamesEveryOperationForGeneratedClients() throws Exception {
        JsonNode doc = json.readTree(send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).GET()).body());

        assertThat(doc.get("info").get("license").get("identifier").asString()).isEqualTo("MIT");
        assertThat(doc.get("components").get("securitySchemes").get("apiKey").get("name").asString()).isEqualTo("X-API-Key");
        List<String> ids = new ArrayList<>();
        for (JsonNode path : doc.get("paths")) {
            for (JsonNode operation : path) {
                ids.add(operation.path("operationId").asString(""));
            }
        }
        assertThat(ids).hasSizeGreaterThan(15).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).as("operationId").matches("[a-z]+[A-Z][A-Za-z]*"));
        assertThat(ids).contains("listDatasets", "startTrainingJob", "getModel", "getRetainedSensors", "startSweep");
    }

    @Test
    @Order(2)
    void theOpenApiDocumentDeclaresTheRealStatusCodesAndProblemDetailsForErrors() throws Exception {
        JsonNode doc = json.readTree(send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).GET()).body());
        JsonNode paths = doc.get("paths");
        assertThat(codes(paths, "/api/v1/training-jobs", "post")).contains("202", "400", "401", "422", "429").doesNotContain("200");
        assertThat(codes(paths, "/api/v1/sweeps", "post")).contains("202", "400", "422", "429").doesNotContain("200");
        assertThat(codes(paths, "/api/v1/datasets", "post")).contains("201", "400", "409", "413", "422").doesNotContain("200");
        assertThat(codes(paths, "/api/v1/datasets/{id}", "delete")).contains("204", "404", "409").doesNotContain("200");
        assertThat(codes(paths, "/api/v1/models/{id}", "delete")).contains("204", "404").doesNotContain("200");
        assertThat(codes(paths, "/api/v1/training-jobs/{id}", "delete")).contains("200", "204", "404", "409");
        assertThat(codes(paths, "/api/v1/sweeps/{id}", "delete")).contains("200", "204", "404", "409");
        assertThat(codes(paths, "/api/v1/models/{id}/backtest", "get")).contains("200", "400", "404", "429");
        assertThat(codes(paths, "/api/v1/models/{id}/forecast", "post")).contains("200", "400", "404", "429");

        JsonNode problem = doc.get("components").get("schemas").get("Problem");
        assertThat(problem.get("properties").propertyNames()).contains("type", "title", "status", "detail", "instance", "field");
        int errors = 0;
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String where = operation.getKey() + " " + path.getKey();
                List<String> codes = new ArrayList<>(operation.getValue().get("responses").propertyNames());
                assertThat(codes).as(where).anyMatch(c -> c.startsWith("2")).contains("400", "500");
                for (String code : codes) {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        errors++;
                        assertThat(operation.getValue().get("responses").get(code).get("content").get("application/problem+json")
                                .get("schema").get("$ref").asString()).as(where + " " + code).isEqualTo("#/components/schemas/Problem");
                    }
                }
            }
        }
        assertThat(errors).isGreaterThan(60);
    }

    private static List<String> codes(JsonNode paths, String path, String method) {
        return new ArrayList<>(paths.get(path).get(method).get("responses").propertyNames());
    }

    @Test
    @Order(2)
    void aRetriedUploadWithTheSameIdempotencyKeyAnswersTheFirstAnswerAndAnotherBodyIs422() throws Exception {
        String key = UUID.randomUUID().toString();
        String series = series(4, 150, false);
        HttpResponse<String> first = upload("retried", series, null, null, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> again = upload("retried", series, null, null, key);   // another multipart boundary, same parts
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");

        HttpResponse<String> other = upload("retried", series(5, 150, false), null, null, key);
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(json.readTree(other.body()).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(upload("retried", series, null, null, null).statusCode()).as("without a key: a second upload").isEqualTo(409);
        assertThat(upload("retried-2", series, null, null, "not a key").statusCode()).isEqualTo(400);
        assertThat(upload("retried-3", "a,b\n" + "1.5,2.5\n".repeat(10_000), null, null, key + "-big").statusCode())
                .as("over the 64KB limit of this test, with a key too").isEqualTo(413);
    }

    @Test
    @Order(2)
    void aRaggedCsvIsRejectedWithItsLineAndNothingIsStored() throws Exception {
        String ragged = series(8, 150, false).replaceFirst("\n([^\n]*)\n", "\n$1,99\n");

        HttpResponse<String> r = upload("ragged", ragged, null, null);

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(r.body());
        assertThat(problem.get("line").asInt()).isEqualTo(2);
        assertThat(problem.get("detail").asString()).contains("line 2").contains("9 values");
        assertThat(dataDir.resolve("datasets/ragged")).doesNotExist();
    }

    @Test
    @Order(2)
    void aNanReadingIsRejected() throws Exception {
        HttpResponse<String> r = upload("nan", series(8, 150, true), null, null);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("detail").asString()).contains("not finite");
    }

    @Test
    @Order(2)
    void aNameThatClimbsOutOfTheDataDirectoryIsRejected() throws Exception {
        HttpResponse<String> r = upload("../evil", series(8, 150, false), null, null);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("detail").asString()).contains("invalid id");
        assertThat(dataDir.resolveSibling("evil")).doesNotExist();
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/..%2F..%2Fetc")).GET()).statusCode()).isBetween(400, 404);
    }

    @Test
    @Order(2)
    void anOversizedUploadIs413() throws Exception {
        HttpResponse<String> r = upload("big", series(8, 1500, false), null, null);

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    }

    @Test
    @Order(2)
    void tooFewStepsForOneWindowIsRejected() throws Exception {
        HttpResponse<String> r = upload("short", series(8, 60, false), null, null);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("detail").asString()).contains("too few steps for one window");
    }

    @Test
    @Order(2)
    void badTrainingRequestsGetProblemDetails() throws Exception {
        HttpResponse<String> gamma = postJson("/api/v1/training-jobs", "{\"datasetId\":\"small\",\"gamma\":1.5}");
        assertThat(gamma.statusCode()).isEqualTo(400);
        assertThat(json.readTree(gamma.body()).get("field").asString()).isEqualTo("gamma");

        HttpResponse<String> nan = postJson("/api/v1/training-jobs", "{\"datasetId\":\"small\",\"gamma\":\"NaN\"}");
        assertThat(nan.statusCode()).isEqualTo(400);

        HttpResponse<String> unknown = postJson("/api/v1/training-jobs", "{\"datasetId\":\"atlantis\",\"gamma\":0.5}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("detail").asString()).contains("atlantis");
    }

    @Test
    @Order(3)
    void trainsATinyModelAndReadsForecastMaskAndRetainedSensors() throws Exception {
        String body = "{\"datasetId\":\"small\",\"gamma\":0.5,\"epochs\":3,\"hiddenUnits\":4,\"embedDim\":2,\"batchSize\":32,\"seed\":3}";
        String key = UUID.randomUUID().toString();
        HttpResponse<String> started = postJson("/api/v1/training-jobs", body, key);
        assertThat(started.statusCode()).isEqualTo(202);
        String jobId = json.readTree(started.body()).get("id").asString();
        assertThat(started.headers().firstValue("Location")).contains("/api/v1/training-jobs/" + jobId);
        // a retry (the answer was lost) starts nothing new; the same key with another body is refused
        HttpResponse<String> retried = postJson("/api/v1/training-jobs", body, key);
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(json.readTree(retried.body()).get("id").asString()).isEqualTo(jobId);
        assertThat(postJson("/api/v1/training-jobs", body.replace("\"seed\":3", "\"seed\":4"), key).statusCode()).isEqualTo(422);
        assertThat(getJson("/api/v1/training-jobs?datasetId=small").get("total").asInt()).isEqualTo(1);

        JsonNode job = pollUntilFinished(jobId);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("curve")).hasSize(3);
        assertThat(job.get("progress").get("budget").asInt()).isEqualTo(4);
        modelId = job.get("modelId").asString();

        JsonNode model = getJson("/api/v1/models/" + modelId);
        assertThat(model.get("sensorsKept").asInt()).isEqualTo(4);
        assertThat(model.get("budget").asInt()).isEqualTo(4);
        assertThat(model.get("test").get("perHorizon")).hasSize(12);
        assertThat(model.get("test").get("average").get("mae").asDouble()).isPositive();
        assertThat(model.get("trainingCurve")).hasSize(3);

        JsonNode mask = getJson("/api/v1/models/" + modelId + "/mask");
        assertThat(mask.get("sensors")).hasSize(8);
        int kept = 0;
        for (JsonNode s : mask.get("sensors")) {
            kept += s.get("kept").asBoolean() ? 1 : 0;
        }
        assertThat(kept).isEqualTo(4);

        JsonNode retained = getJson("/api/v1/models/" + modelId + "/retained-nodes");
        assertThat(retained.get("retained")).hasSize(4);
        assertThat(retained.get("retained").get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(retained.get("retained").get(0).get("latitude").isNumber()).isTrue();

        JsonNode forecast = getJson("/api/v1/models/" + modelId + "/forecast?step=100");
        assertThat(forecast.get("sensors")).hasSize(8);
        assertThat(forecast.get("sensors").get(0).get("forecast")).hasSize(12);
        assertThat(forecast.get("sensors").get(0).get("actual")).hasSize(12);
        JsonNode latest = getJson("/api/v1/models/" + modelId + "/forecast");
        assertThat(latest.get("fromStep").asInt()).isEqualTo(150);
        assertThat(latest.get("sensors").get(0).get("actual").isNull()).isTrue();

        // what a deployment that switched the other sensors off sends: the retained sensors' last 12 readings
        StringBuilder readings = new StringBuilder("{\"readings\":{");
        for (int i = 0; i < 4; i++) {
            readings.append(i == 0 ? "" : ",").append('"').append(retained.get("retained").get(i).get("sensorId").asString())
                    .append("\":[50,51,52,53,54,55,56,57,58,59,60,61]");
        }
        readings.append("}}");
        HttpResponse<String> posted = postJson("/api/v1/models/" + modelId + "/forecast", readings.toString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        assertThat(json.readTree(posted.body()).get("sensors")).hasSize(8);

        String off = mask.get("sensors").valueStream().filter(s -> !s.get("kept").asBoolean()).findFirst().orElseThrow()
                .get("sensorId").asString();
        HttpResponse<String> switchedOff = postJson("/api/v1/models/" + modelId + "/forecast",
                "{\"readings\":{\"" + off + "\":[1,2,3,4,5,6,7,8,9,10,11,12]}}");
        assertThat(switchedOff.statusCode()).isEqualTo(400);
        assertThat(json.readTree(switchedOff.body()).get("field").asString()).isEqualTo("readings");

        HttpResponse<String> events = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/training-jobs/" + jobId + "/events")).GET());
        assertThat(events.headers().firstValue("Content-Type").orElse("")).contains("text/event-stream");
        assertThat(events.body()).contains("event:status").contains("SUCCEEDED");
    }

    @Test
    @Order(4)
    void aSweepTrainsOneFullNetworkAndStartsEveryPrunedOneFromIt() throws Exception {
        HttpResponse<String> warm = postJson("/api/v1/sweeps", "{\"datasetId\":\"small\",\"gammas\":[0.5],"
                + "\"methods\":[\"random\",\"forecast-greedy\"],\"forecasters\":[\"network\",\"linear\"],\"epochs\":2,"
                + "\"hiddenUnits\":4,\"embedDim\":2,\"batchSize\":32,\"randomDraws\":3,\"warmStart\":\"auto\"}");
        assertThat(warm.statusCode()).as(warm.body()).isEqualTo(202);
        JsonNode sweep = json.readTree(warm.body());
        String id = sweep.get("id").asString();
        // no full network of this shape exists yet: the sweep trains one, and its pruned networks wait for it
        assertThat(sweep.get("waiting")).hasSize(2);
        assertThat(sweep.get("warmStart").asString()).isEqualTo(sweep.get("warmStartJob").asString());

        JsonNode report = awaitSweep(id);
        assertThat(report.get("progress").get("jobsDone").asInt()).isEqualTo(6);
        assertThat(report.get("progress").get("line").asString()).startsWith("6 of 6 jobs done");
        assertThat(report.get("sweep").get("waiting")).isEmpty();
        String fullModel = sweep.get("warmStart").asString();
        for (String jobId : report.get("sweep").get("jobIds").valueStream().map(JsonNode::asString).toList()) {
            JsonNode job = getJson("/api/v1/training-jobs/" + jobId);
            assertThat(job.get("status").asString()).as(jobId).isEqualTo("SUCCEEDED");
            JsonNode config = job.get("config");
            boolean prunedNetwork = config.get("forecaster").asString().equals("network") && config.get("gamma").asDouble() < 1;
            assertThat(config.path("warmStart").asString(null)).as(jobId).isEqualTo(prunedNetwork ? fullModel : null);
        }
        assertThat(report.get("rows")).hasSize(6); // full, random and forecast-greedy under each forecaster
        assertThat(report.get("fullModelMae").asDouble()).isPositive();
        assertThat(report.get("fullLinearMae").asDouble()).isPositive();
        JsonNode recommendation = report.get("recommendations").get(0);
        assertThat(recommendation.get("gamma").asDouble()).isEqualTo(0.5);
        double bestValidation = 1e9;
        for (JsonNode row : report.get("rows")) {
            if (row.get("forecaster").asString().equals("network") && row.get("gamma").asDouble() == 0.5) {
                bestValidation = Math.min(bestValidation, row.get("validationMae").asDouble());
            }
        }
        assertThat(recommendation.get("validationMae").asDouble()).isEqualTo(bestValidation);
        JsonNode band = awaitFigures(id).get("randomBands").get(0);
        assertThat(band.get("draws").asInt()).isEqualTo(3);
        assertThat(band.get("testMaes")).hasSize(3);

        // a second sweep of this shape reuses the full network: nothing waits
        JsonNode reused = json.readTree(postJson("/api/v1/sweeps", "{\"datasetId\":\"small\",\"gammas\":[0.25],"
                + "\"methods\":[\"greedy\"],\"epochs\":1,\"hiddenUnits\":4,\"embedDim\":2,\"batchSize\":32}").body());
        assertThat(reused.get("warmStart").asString()).isEqualTo(fullModel);
        assertThat(reused.get("waiting")).isEmpty();
        assertThat(reused.get("jobIds")).as("no full network of its own: the reused one is its full row").hasSize(1);
        JsonNode reusedReport = awaitSweep(reused.get("id").asString());
        assertThat(reusedReport.get("fullModelMae").asDouble()).isEqualTo(report.get("fullModelMae").asDouble());

        HttpResponse<String> bad = postJson("/api/v1/sweeps", "{\"datasetId\":\"small\",\"gammas\":[0]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        HttpResponse<String> otherShape = postJson("/api/v1/sweeps", "{\"datasetId\":\"small\",\"gammas\":[0.5],"
                + "\"methods\":[\"random\"],\"hiddenUnits\":8,\"warmStart\":\"" + fullModel + "\"}");
        assertThat(otherShape.statusCode()).isEqualTo(400);
        assertThat(json.readTree(otherShape.body()).get("field").asString()).isEqualTo("warmStart");

        // a finished sweep is deleted with its jobs' records; their models stay
        String firstJob = report.get("sweep").get("jobIds").get(0).asString();
        assertThat(delete("/api/v1/training-jobs/" + firstJob).statusCode()).as("a sweep's job goes with its sweep").isEqualTo(409);
        assertThat(delete("/api/v1/sweeps/" + id).statusCode()).isEqualTo(204);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sweeps/" + id)).GET()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/training-jobs/" + firstJob)).GET()).statusCode()).isEqualTo(404);
        assertThat(getJson("/api/v1/models/" + firstJob).get("id").asString()).isEqualTo(firstJob);
    }

    @Test
    @Order(4)
    void aLinearModelTrainsInSecondsAndServesLikeAnyModel() throws Exception {
        HttpResponse<String> started = postJson("/api/v1/training-jobs",
                "{\"datasetId\":\"small\",\"gamma\":0.5,\"forecaster\":\"linear\",\"method\":\"qr\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode job = pollUntilFinished(json.readTree(started.body()).get("id").asString());
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        String id = job.get("modelId").asString();

        JsonNode model = getJson("/api/v1/models/" + id);
        assertThat(model.get("sensorsKept").asInt()).isEqualTo(4);
        assertThat(model.get("test").get("average").get("mae").asDouble()).isPositive();
        JsonNode forecast = getJson("/api/v1/models/" + id + "/forecast?step=140");
        assertThat(forecast.get("sensors")).hasSize(8);
        JsonNode backtest = getJson("/api/v1/models/" + id + "/backtest");
        assertThat(backtest.get("metrics").get("average").get("mae").asDouble())
                .isCloseTo(model.get("test").get("average").get("mae").asDouble(), org.assertj.core.api.Assertions.within(1e-3));
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/" + id + "/learned-graph")).GET()).statusCode())
                .as("a linear model has no learned graph").isEqualTo(409);

        HttpResponse<String> learnedLinear = postJson("/api/v1/training-jobs",
                "{\"datasetId\":\"small\",\"gamma\":0.5,\"forecaster\":\"linear\",\"method\":\"prunegcrn\"}");
        assertThat(learnedLinear.statusCode()).isEqualTo(400);
        assertThat(json.readTree(learnedLinear.body()).get("field").asString()).isEqualTo("method");
    }

    @Test
    @Order(4)
    void aRunningSweepIsCancelledByDeleteAndDeletedOnceItsJobsHaveStopped() throws Exception {
        String body = "{\"datasetId\":\"small\",\"gammas\":[0.5],\"methods\":[\"prunegcrn\"],\"seeds\":[7,8],\"epochs\":400,"
                + "\"hiddenUnits\":4,\"embedDim\":2,\"batchSize\":32}";
        String key = UUID.randomUUID().toString();
        HttpResponse<String> started = postJson("/api/v1/sweeps", body, key);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = json.readTree(started.body()).get("id").asString();
        assertThat(json.readTree(postJson("/api/v1/sweeps", body, key).body()).get("id").asString()).as("retried").isEqualTo(id);

        // its event stream: progress at once, a heartbeat while the jobs run, and it ends when they have stopped
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Void> ended = http.sendAsync(HttpRequest.newBuilder(
                URI.create(base + "/api/v1/sweeps/" + id + "/events")).build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(lines::add));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (lines.stream().noneMatch(l -> l.startsWith(":")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(lines).as("the first event, then a heartbeat within 15 s").contains("event:progress")
                .anyMatch(l -> l.startsWith(":"));

        HttpResponse<String> cancelled = delete("/api/v1/sweeps/" + id);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        for (JsonNode jobId : json.readTree(started.body()).get("jobIds")) {
            assertThat(pollUntilFinished(jobId.asString()).get("status").asString()).isEqualTo("CANCELLED");
        }
        ended.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(lines.stream().filter(l -> l.startsWith("data:")).reduce((x, y) -> y).orElse("")).contains("\"queued\":0")
                .contains("\"running\":0");
        assertThat(delete("/api/v1/sweeps/" + id).statusCode()).isEqualTo(204);
        assertThat(getJson("/api/v1/sweeps").get("items").findValuesAsString("id")).doesNotContain(id);
    }

    @Test
    @Order(4)
    void actuatorHealthProbesAndMetricsAnswer() throws Exception {
        assertThat(getJson("/actuator/health/liveness").get("status").asString()).isEqualTo("UP");
        assertThat(getJson("/actuator/health/readiness").get("status").asString()).isEqualTo("UP");
        String prometheus = send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).GET()).body();
        assertThat(prometheus).contains("prunegcrn_jobs").contains("prunegcrn_training_step").contains("prunegcrn_forecast_latency");
        // every metric the README names is a metric Prometheus shows, under that name
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("`(prunegcrn_[a-z_]+)").matcher(
                java.nio.file.Files.readString(java.nio.file.Path.of("README.md")));
        List<String> names = new ArrayList<>();
        while (named.find()) {
            names.add(named.group(1));
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(4).allSatisfy(name -> assertThat(prometheus).as(name)
                .containsPattern("(?m)^" + name + "(_count|_sum|_max|_total)?[{ ]"));
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).GET()).body()).contains("/api/v1/training-jobs");
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/swagger-ui/index.html")).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void afterARestartTheJobAndModelAreStillThereAndARunningJobResumes() throws Exception {
        HttpResponse<String> longJob = postJson("/api/v1/training-jobs",
                "{\"datasetId\":\"small\",\"gamma\":0.5,\"epochs\":400,\"hiddenUnits\":4,\"embedDim\":2,\"batchSize\":32}");
        String longId = json.readTree(longJob.body()).get("id").asString();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (getJson("/api/v1/training-jobs/" + longId).get("curve").size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        // its event stream gets a comment line well within 15 s, whether or not the job reports anything
        HttpResponse<java.util.stream.Stream<String>> stream = http.send(HttpRequest.newBuilder(
                URI.create(base + "/api/v1/training-jobs/" + longId + "/events")).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.headers().firstValue("X-Accel-Buffering")).contains("no");
        java.util.concurrent.CompletableFuture<Boolean> heartbeat = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> stream.body().anyMatch(line -> line.startsWith(":")));
        assertThat(heartbeat.get(15, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        stream.body().close();

        app.close(); // graceful: the running batch finishes and is checkpointed
        app = startApp();

        JsonNode resumed = getJson("/api/v1/training-jobs/" + longId);
        assertThat(resumed.get("status").asString()).isIn("QUEUED", "RUNNING");
        assertThat(resumed.get("curve").size()).isGreaterThanOrEqualTo(2);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/training-jobs/" + longId)).DELETE()).statusCode()).isEqualTo(200);
        JsonNode cancelled = pollUntilFinished(longId);
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");

        JsonNode model = getJson("/api/v1/models/" + modelId);
        assertThat(model.get("id").asString()).isEqualTo(modelId);
        assertThat(getJson("/api/v1/training-jobs/" + modelId).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(getJson("/api/v1/models/" + modelId + "/forecast?step=100").get("sensors")).hasSize(8);
    }

    @Test
    @Order(6)
    void aFinishedJobsRecordIsDeletedAndItsModelStays() throws Exception {
        assertThat(delete("/api/v1/training-jobs/" + modelId).statusCode()).isEqualTo(204);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/training-jobs/" + modelId)).GET()).statusCode()).isEqualTo(404);
        assertThat(dataDir.resolve("jobs").resolve(modelId)).doesNotExist();
        assertThat(getJson("/api/v1/models/" + modelId).get("id").asString()).isEqualTo(modelId);
    }

    @Test
    @Order(7)
    void aDatasetIsDeletedOnlyWhenNothingUsesIt() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets/los-loop")).DELETE()).statusCode()).isEqualTo(409);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets/small")).DELETE()).statusCode()).isEqualTo(204);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets/small")).GET()).statusCode()).isEqualTo(404);
    }

    private static JsonNode awaitSweep(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        JsonNode report = getJson("/api/v1/sweeps/" + id);
        while (report.get("progress").get("jobsDone").asInt() < report.get("progress").get("jobsTotal").asInt()) {
            assertThat(System.nanoTime()).as("sweep " + id + " finished within 5 minutes").isLessThan(deadline);
            Thread.sleep(500);
            report = getJson("/api/v1/sweeps/" + id);
        }
        return report;
    }

    /** The sweep's background figures once stored. */
    private static JsonNode awaitFigures(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode figures = getJson("/api/v1/sweeps/" + id).get("figures");
        while (figures.get("randomBands").isEmpty()) {
            assertThat(System.nanoTime()).as("figures of sweep " + id + " within 2 minutes").isLessThan(deadline);
            Thread.sleep(500);
            figures = getJson("/api/v1/sweeps/" + id).get("figures");
        }
        return figures;
    }

    private static JsonNode pollUntilFinished(String jobId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = getJson("/api/v1/training-jobs/" + jobId);
            String status = job.get("status").asString();
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status)) {
                return job;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + jobId + " did not finish in 5 minutes");
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private static HttpResponse<String> postJson(String path, String body) throws Exception {
        return postJson(path, body, null);
    }

    private static HttpResponse<String> postJson(String path, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    private static HttpResponse<String> delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> upload(String id, String series, String locations, String roadGraph) throws Exception {
        return upload(id, series, locations, roadGraph, null);
    }

    private static HttpResponse<String> upload(String id, String series, String locations, String roadGraph, String idempotencyKey)
            throws Exception {
        String boundary = "----prunegcrn" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        parts.add(field(boundary, "id", null, id));
        parts.add(field(boundary, "series", "series.csv", series));
        if (locations != null) {
            parts.add(field(boundary, "locations", "locations.csv", locations));
        }
        if (roadGraph != null) {
            parts.add(field(boundary, "roadGraph", "graph.csv", roadGraph));
        }
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    private static byte[] field(String boundary, String name, String filename, String value) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: text/csv") + "\r\n\r\n";
        return (head + value + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A small network: daily-ish sine waves with noise, one row per step. */
    static String series(int sensors, int steps, boolean withNan) {
        Random rnd = new Random(7);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sensors; i++) {
            sb.append(i == 0 ? "" : ",").append("s").append(i);
        }
        sb.append('\n');
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < sensors; i++) {
                double v = 50 + 10 * Math.sin(2 * Math.PI * (t + 3 * i) / 48.0) + rnd.nextGaussian();
                sb.append(i == 0 ? "" : ",").append(withNan && t == 40 && i == 2 ? "NaN" : String.format(Locale.ROOT, "%.3f", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String locations(int sensors) {
        StringBuilder sb = new StringBuilder("sensor_id,latitude,longitude\n");
        for (int i = 0; i < sensors; i++) {
            sb.append("s").append(i).append(',').append(String.format(Locale.ROOT, "%.2f", 34 + i / 100.0)).append(",-118.25\n");
        }
        return sb.toString();
    }

}
