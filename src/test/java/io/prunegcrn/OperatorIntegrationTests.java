package io.prunegcrn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator decides with, over HTTP (issue 22): constraints on jobs and sweeps, what-if sets, sensors that fail
 * (in forecasts and in backtests), the GeoJSON export and the decision report. A small network trains the constrained
 * models; the pretrained Los-loop model (N = 207) answers what-if and failure questions.
 */
@Tag("e2e")
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorIntegrationTests {

    private static final String PRETRAINED = "/api/v1/models/los-loop-g025";
    private static final String SMALL = "{\"hiddenUnits\":4,\"embedDim\":2,\"batchSize\":32,";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private Path dataDir;
    private ConfigurableApplicationContext app;
    private String base;
    private String constrainedModel;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("prunegcrn-operator");
        app = new SpringApplicationBuilder(PruneGcrnApplication.class).run("--server.port=0", "--prunegcrn.data-dir=" + dataDir,
                "--logging.level.root=WARN");
        base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        assertThat(upload("grid", PruneGcrnServiceIntegrationTests.series(8, 150, false),
                PruneGcrnServiceIntegrationTests.locations(8)).statusCode()).isEqualTo(201);
        assertThat(upload("plain", PruneGcrnServiceIntegrationTests.series(8, 150, false), null).statusCode()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void badConstraintsAreRefusedNamingTheFieldAndTheIdsAndNothingIsQueued() throws Exception {
        String job = "{\"datasetId\":\"grid\",\"gamma\":0.25,\"epochs\":1,";
        assertProblem(post("/api/v1/training-jobs", job + "\"mustKeep\":[\"s1\",\"nope\",\"gone\"]}"), "mustKeep", "[nope, gone]");
        assertProblem(post("/api/v1/training-jobs", job + "\"mustDrop\":[\"x9\"]}"), "mustDrop", "[x9]");
        assertProblem(post("/api/v1/training-jobs", job + "\"mustKeep\":[\"s1\",\"s2\"],\"mustDrop\":[\"s2\"]}"), "mustKeep", "[s2]");
        assertProblem(post("/api/v1/training-jobs", job + "\"mustKeep\":[\"s1\",\"s2\",\"s3\"]}"), "mustKeep", "[s1, s2, s3]");
        assertProblem(post("/api/v1/training-jobs", "{\"datasetId\":\"grid\",\"gamma\":1,\"method\":\"full\",\"mustDrop\":[\"s1\"]}"),
                "mustDrop", "full");
        // a sweep checks every job first: the budget of its smallest γ (⌈0.25·8⌉ = 2) refuses three must-keep sensors
        assertProblem(post("/api/v1/sweeps", "{\"datasetId\":\"grid\",\"gammas\":[0.5,0.25],\"methods\":[\"random\"],\"epochs\":1,"
                + "\"mustKeep\":[\"s1\",\"s2\",\"s3\"]}"), "mustKeep", "[s1, s2, s3]");

        assertThat(get("/api/v1/training-jobs").get("items")).isEmpty();
        assertThat(get("/api/v1/sweeps").get("items")).isEmpty();
        Path jobs = dataDir.resolve("jobs");
        assertThat(!Files.exists(jobs) || Files.list(jobs).findAny().isEmpty()).as("job files").isTrue();
    }

    @Test
    @Order(2)
    void everySelectorKeepsTheMustKeepSensorsDropsTheMustDropOnesAndFillsTheBudgetExactly() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String method : List.of("prunegcrn", "random", "correlation")) {
            HttpResponse<String> started = post("/api/v1/training-jobs", SMALL + "\"datasetId\":\"grid\",\"gamma\":0.5,\"epochs\":5,"
                    + "\"method\":\"" + method + "\",\"mustKeep\":[\"s5\"],\"mustDrop\":[\"s0\",\"s1\",\"s2\"]}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            assertThat(json.readTree(started.body()).get("config").get("mustKeep").get(0).asString()).isEqualTo("s5");
            ids.add(json.readTree(started.body()).get("id").asString());
        }
        for (String id : ids) {
            assertThat(finished(id).get("status").asString()).as(id).isEqualTo("SUCCEEDED");
            Set<String> kept = new HashSet<>();
            for (JsonNode s : get("/api/v1/models/" + id + "/mask").get("sensors")) {
                if (s.get("kept").asBoolean()) {
                    kept.add(s.get("sensorId").asString());
                }
            }
            assertThat(kept).as(id).hasSize(4).contains("s5").doesNotContain("s0", "s1", "s2");
            assertThat(get("/api/v1/models/" + id).get("hyperparameters").get("mustDrop")).hasSize(3);
        }
        constrainedModel = ids.get(0);
    }

    @Test
    @Order(3)
    void theGeoJsonExportHasEverySensorAtLongitudeLatitudeWithItsRankRawValueAndError() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/" + constrainedModel + "/retained-nodes"))
                .header("Accept", "application/geo+json"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        JsonNode geo = json.readTree(r.body());
        JsonNode dataset = get("/api/v1/datasets/grid");
        JsonNode errors = get("/api/v1/models/" + constrainedModel + "/sensor-errors");
        JsonNode ranked = get("/api/v1/models/" + constrainedModel + "/retained-nodes").get("retained");
        assertThat(geo.get("type").asString()).isEqualTo("FeatureCollection");
        assertThat(geo.get("features")).hasSize(8);
        int retained = 0;
        for (int i = 0; i < 8; i++) {
            JsonNode f = geo.get("features").get(i);
            JsonNode sensor = dataset.get("sensorList").get(i);
            assertThat(f.get("type").asString()).isEqualTo("Feature");
            assertThat(f.get("geometry").get("type").asString()).isEqualTo("Point");
            assertThat(f.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(sensor.get("longitude").asDouble());
            assertThat(f.get("geometry").get("coordinates").get(1).asDouble()).isEqualTo(sensor.get("latitude").asDouble());
            JsonNode p = f.get("properties");
            assertThat(p.get("sensorId").asString()).isEqualTo(sensor.get("sensorId").asString());
            assertThat(p.get("testMae").asDouble()).isEqualTo(errors.get("sensors").get(i).get("mae").asDouble());
            if (p.get("retained").asBoolean()) {
                retained++;
                assertThat(ranked.get(p.get("rank").asInt() - 1).get("sensorId").asString()).isEqualTo(p.get("sensorId").asString());
                assertThat(p.get("rawMask").asDouble()).isEqualTo(ranked.get(p.get("rank").asInt() - 1).get("raw").asDouble());
            } else {
                assertThat(p.get("rank").isNull()).isTrue();
            }
        }
        assertThat(retained).isEqualTo(4);

        // no coordinates, no map: 406 with a problem detail
        HttpResponse<String> plain = post("/api/v1/training-jobs", SMALL + "\"datasetId\":\"plain\",\"gamma\":0.5,\"epochs\":1,"
                + "\"method\":\"random\"}");
        String plainModel = json.readTree(plain.body()).get("id").asString();
        assertThat(finished(plainModel).get("status").asString()).isEqualTo("SUCCEEDED");
        HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/" + plainModel + "/retained-nodes"))
                .header("Accept", "application/geo+json"));
        assertThat(none.statusCode()).as(none.body()).isEqualTo(406);
        assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.readTree(none.body()).get("detail").asString()).contains("no sensor coordinates");
        assertThat(htmlReport(plainModel)).contains("no coordinates: no map");
    }

    @Test
    @Order(4)
    void theDecisionReportShowsBudgetCostErrorsConstraintsAndTheFailureCurveOnceComputed() throws Exception {
        HttpResponse<String> full = post("/api/v1/training-jobs", SMALL + "\"datasetId\":\"grid\",\"gamma\":1,\"epochs\":5,"
                + "\"method\":\"full\"}");
        String fullId = json.readTree(full.body()).get("id").asString();
        assertThat(finished(fullId).get("status").asString()).isEqualTo("SUCCEEDED");

        JsonNode report = get("/api/v1/models/" + constrainedModel + "/report");
        assertThat(report.get("budget").asInt()).isEqualTo(4);
        assertThat(report.get("sensorsKept").asInt()).isEqualTo(4);
        assertThat(report.get("mustKeep").get(0).asString()).isEqualTo("s5");
        assertThat(report.get("mustDrop")).hasSize(3);
        assertThat(report.get("sensorErrors")).hasSize(8);
        double mae = get("/api/v1/models/" + constrainedModel).get("test").get("average").get("mae").asDouble();
        double fullMae = get("/api/v1/models/" + fullId).get("test").get("average").get("mae").asDouble();
        assertThat(report.get("fullModel").get("modelId").asString()).isEqualTo(fullId);
        assertThat(report.get("fullModel").get("cost").asDouble()).isCloseTo(mae / fullMae - 1, within(1e-9));
        assertThat(report.get("failureCurve").isNull()).isTrue();
        assertThat(htmlReport(constrainedModel)).contains("<svg").contains("Must keep").contains("s5").contains(fullId)
                .contains("Not computed yet");

        // the failure curve: computed once (NDJSON progress), then stored and part of the report
        HttpResponse<String> stream = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/" + constrainedModel
                + "/failure-curve?draws=2")).header("Accept", "application/x-ndjson"));
        List<String> types = stream.body().lines().map(l -> json.readTree(l).get("type").asString()).toList();
        assertThat(types).hasSize(11).endsWith("result").startsWith("progress");
        JsonNode curve = get("/api/v1/models/" + constrainedModel + "/failure-curve?draws=2");
        assertThat(curve.get("points")).hasSize(5);
        assertThat(curve.get("points").get(0).get("failed").asInt()).isEqualTo(1); // ⌈1 % of 4⌉
        assertThat(curve.get("points").get(4).get("maes")).hasSize(2);
        assertThat(curve.get("noFailureMae").asDouble()).isEqualTo(mae);
        assertThat(get("/api/v1/models/" + constrainedModel + "/report").get("failureCurve").get("draws").asInt()).isEqualTo(2);
        assertThat(htmlReport(constrainedModel)).contains("Sensor failures").doesNotContain("Not computed yet");
        assertProblem(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/" + constrainedModel + "/failure-curve?draws=0"))),
                "draws", "[1, 20]");

        // the yardsticks: ridge on the same four sensors and on random sets of four that keep s5 and leave out s0–s2
        assertThat(report.get("yardsticks").isNull()).isTrue();
        JsonNode y = get("/api/v1/models/" + constrainedModel + "/yardsticks?draws=2");
        assertThat(y.get("sensors").asInt()).isEqualTo(4);
        assertThat(y.get("randomMaes")).hasSize(2);
        assertThat(y.get("ridgeMae").asDouble()).isPositive();
        assertThat(y.get("costVsRidge").asDouble()).isCloseTo(mae / y.get("ridgeMae").asDouble() - 1, within(1e-9));
        assertThat(y.get("costVsRandom").asDouble()).isCloseTo(mae / y.get("randomMeanMae").asDouble() - 1, within(1e-9));
        assertThat(get("/api/v1/models/" + constrainedModel + "/report").get("yardsticks").get("ridgeMae").asDouble())
                .isEqualTo(y.get("ridgeMae").asDouble());
        assertThat(htmlReport(constrainedModel)).contains("Against ridge regression on the same 4 sensors");
        assertProblem(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/" + constrainedModel + "/yardsticks?draws=0"))),
                "draws", "[1, 50]");
    }

    @Test
    @Order(5)
    void aWhatIfSetIsFineTunedFromTheModelsWeightsIntoANewModelReadingExactlyThatSet() throws Exception {
        List<String> set = List.of("s0", "s3", "s6", "s7"); // s0 was a must-drop sensor of the model
        assertProblem(post("/api/v1/models/" + constrainedModel + "/what-if", "{\"keep\":[\"s0\"],\"fineTune\":{\"epochs\":0}}"),
                "fineTune.epochs", "at least 1");
        int jobsBefore = get("/api/v1/training-jobs").get("total").asInt();
        assertProblem(post("/api/v1/models/" + constrainedModel + "/what-if", "{\"keep\":[\"s0\",\"x\"],\"fineTune\":{\"epochs\":2}}"),
                "keep", "[x]");
        assertThat(get("/api/v1/training-jobs").get("total").asInt()).as("nothing queued").isEqualTo(jobsBefore);

        HttpResponse<String> started = post("/api/v1/models/" + constrainedModel + "/what-if",
                "{\"keep\":" + json.writeValueAsString(set) + ",\"fineTune\":{\"epochs\":2}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode job = json.readTree(started.body());
        assertThat(started.headers().firstValue("Location")).contains("/api/v1/training-jobs/" + job.get("id").asString());
        assertThat(job.get("config").get("warmStart").asString()).isEqualTo(constrainedModel);
        assertThat(job.get("config").get("gamma").asDouble()).isEqualTo(0.5);
        assertThat(finished(job.get("id").asString()).get("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode tuned = get("/api/v1/models/" + job.get("id").asString());
        assertThat(tuned.get("trainingCurve")).hasSize(2);
        List<String> read = get("/api/v1/models/" + job.get("id").asString() + "/mask").get("sensors").valueStream()
                .filter(s -> s.get("kept").asBoolean()).map(s -> s.get("sensorId").asString()).toList();
        assertThat(read).containsExactlyElementsOf(set);
    }

    @Test
    @Order(6)
    void aWhatIfWithTheModelsOwnSetReproducesItsTestMetricsAndOtherSetsChangeThem() throws Exception {
        JsonNode model = get(PRETRAINED);
        List<String> own = get(PRETRAINED + "/retained-nodes").get("retained").valueStream().map(s -> s.get("sensorId").asString()).toList();
        JsonNode same = whatIf(own);
        for (String metric : List.of("mae", "rmse", "mape")) {
            assertThat(same.get("metrics").get("average").get(metric).asDouble()).as(metric)
                    .isCloseTo(model.get("test").get("average").get(metric).asDouble(), within(1e-3));
            assertThat(same.get("metrics").get("perHorizon").get(11).get(metric).asDouble()).as(metric + " at 12")
                    .isCloseTo(model.get("test").get("perHorizon").get(11).get(metric).asDouble(), within(1e-3));
        }
        assertThat(same.get("added")).isEmpty();
        assertThat(same.get("removed")).isEmpty();
        assertThat(same.get("sensors")).hasSize(207);
        double meanOverSensors = same.get("sensors").valueStream().mapToDouble(s -> s.get("mae").asDouble()).average().orElseThrow();
        assertThat(meanOverSensors).isCloseTo(same.get("metrics").get("average").get("mae").asDouble(), within(1e-6));

        // ten of its sensors switched off, over a shorter range
        HttpResponse<String> fewer = post(PRETRAINED + "/what-if", "{\"keep\":" + json.writeValueAsString(own.subList(10, 52))
                + ",\"from\":1700,\"to\":1764}");
        JsonNode f = json.readTree(fewer.body());
        assertThat(f.get("windows").asInt()).isEqualTo(64);
        assertThat(f.get("sensorsRead").asInt()).isEqualTo(42);
        assertThat(f.get("removed")).hasSize(10);
        assertThat(f.get("sensors").valueStream().filter(x -> x.get("sensorId").asString().equals(own.get(0))).findFirst()
                .orElseThrow().get("kept").asBoolean()).isFalse();

        assertProblem(post(PRETRAINED + "/what-if", "{\"keep\":[\"773869\",\"no-such\"]}"), "keep", "[no-such]");
        assertProblem(post(PRETRAINED + "/what-if", "{\"keep\":[]}"), "keep", "at least one");
        assertProblem(post(PRETRAINED + "/what-if", "{\"keep\":[\"773869\"],\"from\":3}"), "from", "");
    }

    @Test
    @Order(7)
    void aBacktestSimulatesFailedSensorsThroughTheSameSeamAsTheWhatIf() throws Exception {
        String range = "from=1700&to=1764";
        JsonNode failing = get(PRETRAINED + "/backtest?" + range + "&failRate=0.1&failSeed=2");
        assertThat(failing.get("failed")).hasSize(6); // ⌈0.1 · 52⌉
        assertThat(failing.get("sensorsRead").asInt()).isEqualTo(46);
        List<String> failed = failing.get("failed").valueStream().map(JsonNode::asString).toList();
        List<String> rest = get(PRETRAINED + "/retained-nodes").get("retained").valueStream().map(s -> s.get("sensorId").asString())
                .filter(id -> !failed.contains(id)).toList();
        JsonNode whatIf = json.readTree(post(PRETRAINED + "/what-if", "{\"keep\":" + json.writeValueAsString(rest)
                + ",\"from\":1700,\"to\":1764}").body());
        assertThat(failing.get("metrics").get("average").get("mae").asDouble())
                .isCloseTo(whatIf.get("metrics").get("average").get("mae").asDouble(), within(1e-9));
        JsonNode listed = get(PRETRAINED + "/backtest?" + range + "&failed=" + URLEncoder.encode(String.join(",", failed), StandardCharsets.UTF_8));
        assertThat(listed.get("metrics")).isEqualTo(failing.get("metrics"));
        JsonNode none = get(PRETRAINED + "/backtest?" + range);
        assertThat(none.get("failed")).isEmpty();
        assertThat(failing.get("metrics").get("average").get("mae").asDouble())
                .isNotEqualTo(none.get("metrics").get("average").get("mae").asDouble());

        String off = get(PRETRAINED + "/mask").get("sensors").valueStream().filter(s -> !s.get("kept").asBoolean()).findFirst()
                .orElseThrow().get("sensorId").asString();
        assertProblem(send(HttpRequest.newBuilder(URI.create(base + PRETRAINED + "/backtest?failRate=1.5"))), "failRate", "[0, 1]");
        assertProblem(send(HttpRequest.newBuilder(URI.create(base + PRETRAINED + "/backtest?failed=" + off))), "failed", off);
        assertProblem(send(HttpRequest.newBuilder(URI.create(base + PRETRAINED + "/backtest?failed=zz"))), "failed", "[zz]");
    }

    @Test
    @Order(8)
    void aForecastGoesOnWhenRetainedSensorsFailAndListsThemAsDegraded(CapturedOutput output) throws Exception {
        int logged = output.getAll().length();
        List<String> retained = get(PRETRAINED + "/retained-nodes").get("retained").valueStream()
                .map(s -> s.get("sensorId").asString()).toList();
        // the first five fail: left out, null, a null value, too few values, a NaN; two ways each, to show it does not matter
        List<String> complete = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        List<String> brokenOtherwise = new ArrayList<>();
        List<String> first = List.of("null", "[60,61,null,63,64,65,64,63,62,61,60,59]", "[60,61,62]",
                "[60,61,62,63,64,65,64,63,\"NaN\",61,60,59]");
        List<String> second = List.of("[1,2,3,4,5,6,7,8,9,10,11,\"NaN\"]", "[]", "null", "[9]");
        for (int k = 0; k < retained.size(); k++) {
            String id = "\"" + retained.get(k) + "\":";
            String full = "[60,61,62,63,64,65,64,63,62,61,60," + (59 + k % 3) + "]";
            complete.add(id + full);
            if (k >= 1 && k <= 4) {
                broken.add(id + first.get(k - 1));
                brokenOtherwise.add(id + second.get(k - 1));
            } else if (k > 4) {
                broken.add(id + full);
                brokenOtherwise.add(id + full);
            }
        }
        JsonNode all = forecast(complete);
        assertThat(all.get("degraded")).isEmpty();
        JsonNode degraded = forecast(broken);
        assertThat(degraded.get("degraded").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrderElementsOf(retained.subList(0, 5));
        assertThat(degraded.get("sensors")).hasSize(207);
        assertThat(forecast(brokenOtherwise).get("sensors")).as("what a failed sensor sent does not matter")
                .isEqualTo(degraded.get("sensors"));
        assertThat(degraded.get("sensors")).isNotEqualTo(all.get("sensors"));
        assertThat(output.getAll().substring(logged)).doesNotContain("Exception").doesNotContain("ERROR");

        HttpResponse<String> tooLong = post(PRETRAINED + "/forecast", "{\"readings\":{\"" + retained.get(0)
                + "\":[1,2,3,4,5,6,7,8,9,10,11,12,13]}}");
        assertProblem(tooLong, "readings", "needs 12 values");
    }

    private JsonNode forecast(List<String> readings) throws Exception {
        HttpResponse<String> r = post(PRETRAINED + "/forecast", "{\"readings\":{" + String.join(",", readings) + "}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private JsonNode whatIf(List<String> keep) throws Exception {
        HttpResponse<String> r = post(PRETRAINED + "/what-if", "{\"keep\":" + json.writeValueAsString(keep) + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private String htmlReport(String modelId) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/" + modelId + "/report"))
                .header("Accept", "text/html"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        return r.body();
    }

    private JsonNode finished(String jobId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos(); // seconds when idle; a shared machine is slower
        while (System.nanoTime() < deadline) {
            JsonNode job = get("/api/v1/training-jobs/" + jobId);
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.get("status").asString())) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + jobId + " did not finish in 15 minutes: " + get("/api/v1/training-jobs/" + jobId));
    }

    private void assertProblem(HttpResponse<String> r, String field, String detailPart) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(r.body());
        assertThat(problem.get("field").asString()).as(r.body()).isEqualTo(field);
        assertThat(problem.get("detail").asString()).contains(detailPart);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)));
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(String id, String series, String locations) throws Exception {
        String boundary = "----prunegcrn" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        parts.add(part(boundary, "id", null, id));
        parts.add(part(boundary, "series", "series.csv", series));
        if (locations != null) {
            parts.add(part(boundary, "locations", "locations.csv", locations));
        }
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArrays(parts)));
    }

    private static byte[] part(String boundary, String name, String filename, String value) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: text/csv") + "\r\n\r\n";
        return (head + value + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
