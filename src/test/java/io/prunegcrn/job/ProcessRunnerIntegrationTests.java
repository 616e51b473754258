package io.prunegcrn.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;

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

import io.prunegcrn.PruneGcrnApplication;
import io.prunegcrn.dataset.DatasetCatalog;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The process runner end to end: the service on a random port trains every job in a child JVM running the trainer
 * entry point. Two jobs train side by side; a child killed with SIGKILL takes only itself down, is started again and
 * resumes from its checkpoint; a cancel stops the child. Tiny networks, so each child trains in seconds; the waits
 * are generous because a child JVM (Spring and ND4J) takes over a minute to start on a loaded 2-core machine.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessRunnerIntegrationTests {

    private static final String TINY = "\"hiddenUnits\":4,\"embedDim\":2,\"batchSize\":32,\"patience\":1000";
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;
    private static ConfigurableApplicationContext app;
    private static String base;
    private static ExternalJobQueue queue;
    private static ProcessRunner runner;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(PruneGcrnApplication.class).run("--server.port=0",
                "--prunegcrn.data-dir=" + dataDir, "--prunegcrn.pretrained.install=false", "--logging.level.root=WARN",
                "--prunegcrn.training.runner=process", "--prunegcrn.training.max-epochs=100000",
                "--prunegcrn.training.max-parallel-jobs=2",
                "--prunegcrn.training.poll-interval=200ms", "--prunegcrn.training.process.backoff-limit=1",
                "--prunegcrn.training.process.jvm-options=-Xmx512m,-XX:TieredStopAtLevel=1,-Dlogging.level.root=WARN,-Dlogging.level.io.prunegcrn=INFO");
        base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        queue = (ExternalJobQueue) app.getBean(JobRunner.class);
        runner = (ProcessRunner) queue.runner();
        app.getBean(DatasetCatalog.class).add(new DatasetCatalog.Upload("small", "8 sensors", "small.csv",
                series(8, 150).getBytes(StandardCharsets.UTF_8), 0, null, null));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void twoJobsTrainInParallelInChildJvms() throws Exception {
        String a = submit("{\"datasetId\":\"small\",\"gamma\":0.5,\"epochs\":3,\"seed\":1," + TINY + "}");
        String b = submit("{\"datasetId\":\"small\",\"gamma\":0.5,\"epochs\":3,\"seed\":2," + TINY + "}");

        Set<Long> pids = new HashSet<>();
        boolean together = waitFor(Duration.ofSeconds(180), () -> {
            runner.pid(a).ifPresent(pids::add);
            runner.pid(b).ifPresent(pids::add);
            return runner.pid(a).isPresent() && runner.pid(b).isPresent();
        });
        assertThat(together).as("both trainers alive at once").isTrue();
        assertThat(pids).doesNotContain(ProcessHandle.current().pid());

        for (String id : new String[] { a, b }) {
            JsonNode done = waitUntilFinished(id);
            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("curve")).hasSize(3);
            assertThat(get("/api/v1/models/" + id).statusCode()).isEqualTo(200);
            assertThat(dataDir.resolve("models/" + id + "/sensor-errors.json")).as("computed by the trainer, before any read")
                    .exists();
            String log = Files.readString(dataDir.resolve("jobs/" + id + "/trainer.log"));
            assertThat(log).contains("job " + id + ": starting").doesNotContain("installed the pretrained model");
        }
    }

    @Test
    @Order(2)
    void aChildKilledWithSigkillLeavesTheApiUpAndItsJobResumesUntilCancelled() throws Exception {
        String id = submit("{\"datasetId\":\"small\",\"gamma\":0.5,\"epochs\":5000,\"seed\":3," + TINY + "}");
        assertThat(waitFor(Duration.ofSeconds(240), () -> epochs(id) >= 2)).as("two epochs trained").isTrue();
        long first = runner.pid(id).orElseThrow();
        assertThat(dataDir.resolve("jobs/" + id + "/checkpoint.zip")).exists();

        new ProcessBuilder("kill", "-KILL", Long.toString(first)).start().waitFor();

        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/training-jobs").statusCode()).isEqualTo(200);
        assertThat(waitFor(Duration.ofSeconds(120), () -> runner.pid(id).filter(p -> p != first).isPresent()))
                .as("a new trainer after the kill").isTrue();
        Path log = dataDir.resolve("jobs/" + id + "/trainer.log");
        assertThat(waitFor(Duration.ofSeconds(180), () -> read(log).contains("resuming from its checkpoint"))).as(read(log)).isTrue();
        int before = epochs(id);
        assertThat(waitFor(Duration.ofSeconds(180), () -> epochs(id) > before)).as("trains on after resuming").isTrue();

        long second = runner.pid(id).orElseThrow();
        HttpResponse<String> cancel = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/training-jobs/" + id)).DELETE());
        assertThat(cancel.statusCode()).isEqualTo(200);
        JsonNode done = waitUntilFinished(id);
        assertThat(done.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(waitFor(Duration.ofSeconds(30), () -> ProcessHandle.of(second).map(p -> !p.isAlive()).orElse(true)))
                .as("the child is gone").isTrue();
        assertThat(dataDir.resolve("jobs/" + id + "/checkpoint.zip")).doesNotExist();
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aQueuedJobBeyondTheCapWaitsForAFreeTrainer() throws Exception {
        String a = submit("{\"datasetId\":\"small\",\"gamma\":0.5,\"epochs\":5000,\"seed\":4," + TINY + "}");
        String b = submit("{\"datasetId\":\"small\",\"gamma\":0.5,\"epochs\":5000,\"seed\":5," + TINY + "}");
        String c = submit("{\"datasetId\":\"small\",\"gamma\":0.5,\"epochs\":2,\"seed\":6," + TINY + "}");
        assertThat(waitFor(Duration.ofSeconds(180), () -> runner.pid(a).isPresent() && runner.pid(b).isPresent())).isTrue();
        queue.tick(); // a look at the queue while both run: it must leave the third waiting
        assertThat(runner.pid(c)).as("third job waits: max-parallel-jobs=2").isEmpty();
        assertThat(status(c)).isEqualTo("QUEUED");

        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/training-jobs/" + a)).DELETE());
        assertThat(waitUntilFinished(c).get("status").asString()).isEqualTo("SUCCEEDED");
        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/training-jobs/" + b)).DELETE());
        assertThat(waitUntilFinished(b).get("status").asString()).isEqualTo("CANCELLED");
    }

    private static String submit(String body) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/training-jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json.readTree(r.body()).get("id").asString();
    }

    private static JsonNode job(String id) {
        try {
            return json.readTree(get("/api/v1/training-jobs/" + id).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String status(String id) {
        return job(id).get("status").asString();
    }

    private static int epochs(String id) {
        return job(id).get("curve").size();
    }

    private static JsonNode waitUntilFinished(String id) throws InterruptedException {
        waitFor(Duration.ofSeconds(300), () -> Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status(id)));
        return job(id);
    }

    private static boolean waitFor(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A smooth daily pattern per sensor plus noise: enough structure for a tiny model to learn. */
    static String series(int sensors, int steps) {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder();
        for (int s = 0; s < sensors; s++) {
            csv.append(s == 0 ? "" : ",").append("s").append(s);
        }
        csv.append('\n');
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < sensors; s++) {
                double v = 50 + 10 * Math.sin(2 * Math.PI * (t + 3 * s) / 48.0) + random.nextGaussian();
                csv.append(s == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", v));
            }
            csv.append('\n');
        }
        return csv.toString();
    }
}
