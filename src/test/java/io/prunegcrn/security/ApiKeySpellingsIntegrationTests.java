package io.prunegcrn.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

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
import org.springframework.security.core.userdetails.UserDetailsService;

import io.prunegcrn.PruneGcrnApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service with API keys set, attacked as issue 10 describes: every mutating endpoint under many spellings of
 * its path, with every mutating method, without a key and with a wrong one. Afterwards the store must be exactly
 * as before (read through the API and on disk), no answer may be a 5xx, and the right keys must still work.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiKeySpellingsIntegrationTests {

    private static final String KEY = "right-key-1";
    private static final String SECOND_KEY = "right-key-2";
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;

    private static ConfigurableApplicationContext app;
    private static String base;

    /** A mutating endpoint: its canonical path and a body that would change the store if it got through. */
    private record Target(String path, String contentType, byte[] body) {
    }

    @BeforeAll
    static void start() throws Exception {
        app = new SpringApplicationBuilder(PruneGcrnApplication.class).run("--server.port=0",
                "--prunegcrn.data-dir=" + dataDir, "--prunegcrn.api-key=" + KEY, "--prunegcrn.api-keys=" + SECOND_KEY,
                "--logging.level.root=WARN");
        base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpResponse<String> upload = send("POST", "/api/v1/datasets", KEY, multipart("tiny"));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void noSpellingOfAMutatingRequestGetsThroughWithoutTheRightKey() throws Exception {
        SortedMap<String, Long> before = store();
        String modelsBefore = send("GET", "/api/v1/models", null, null).body();
        Map<String, Target> targets = Map.of(
                "start a job", target("/api/v1/training-jobs", "{\"datasetId\":\"tiny\",\"gamma\":0.5,\"epochs\":1}"),
                "cancel a job", target("/api/v1/training-jobs/tiny-job", "{}"),
                "upload a dataset", multipart("evil"),
                "delete a dataset", target("/api/v1/datasets/tiny", "{}"),
                "start a sweep", target("/api/v1/sweeps",
                        "{\"datasetId\":\"tiny\",\"gammas\":[0.5],\"methods\":[\"random\"],\"seeds\":[1],\"epochs\":1}"),
                "delete a model", target("/api/v1/models/los-loop-g025", "{}"),
                "forecast from readings", target("/api/v1/models/los-loop-g025/forecast", "{\"readings\":{}}"));
        SortedMap<String, Integer> statuses = new TreeMap<>();
        int requests = 0;
        for (Target t : targets.values()) {
            for (String spelling : spellings(t.path())) {
                for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                    for (String key : new String[] { null, "wrong-key", KEY.substring(0, KEY.length() - 1), KEY + "0", KEY.toUpperCase(Locale.ROOT) }) {
                        HttpResponse<String> r = send(method, spelling, key, t);
                        requests++;
                        assertThat(r.statusCode()).as(method + " " + spelling + " key=" + key + " -> " + r.body())
                                .isBetween(400, 499);
                        if (r.statusCode() == 400) {
                            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(method + " " + spelling)
                                    .startsWith("application/problem+json");
                        }
                        statuses.merge(r.statusCode() + (r.statusCode() == 400 ? " (firewall)" : ""), 1, Integer::sum);
                    }
                }
            }
        }
        System.out.println("security: " + requests + " requests without the right key, statuses " + statuses);

        assertThat(store()).as("files in the data directory").isEqualTo(before);
        assertThat(send("GET", "/api/v1/models", null, null).body()).isEqualTo(modelsBefore);
        assertThat(json.readTree(send("GET", "/api/v1/training-jobs", null, null).body()).get("items")).isEmpty();
        assertThat(json.readTree(send("GET", "/api/v1/datasets", null, null).body()).findValuesAsString("id"))
                .containsExactlyInAnyOrder("los-loop", "tiny");
    }

    @Test
    @Order(2)
    void aKeyGivenOutsideTheHeaderIsNoKey() throws Exception {
        for (String path : List.of("/api/v1/datasets/tiny?X-API-Key=" + KEY, "/api/v1/datasets/tiny?apiKey=" + KEY)) {
            assertThat(send("DELETE", path, null, null).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> cookie = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets/tiny"))
                .header("Cookie", "X-API-Key=" + KEY).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cookie.statusCode()).isEqualTo(401);
        // nor is a user: Boot adds no default user (with a password in the log) beside the keys
        assertThat(app.getBeanProvider(UserDetailsService.class).getIfAvailable()).isNull();
        String basic = Base64.getEncoder().encodeToString(("user:" + KEY).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets/tiny"))
                .header("Authorization", "Basic " + basic).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(dataDir.resolve("datasets/tiny")).exists();
    }

    @Test
    @Order(3)
    void unauthorizedAndRejectedRequestsAreProblemDetails() throws Exception {
        HttpResponse<String> r = send("DELETE", "/api;x=1/v1/models/los-loop-g025", null, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json.readTree(r.body()).get("status").asInt()).isEqualTo(400);

        r = send("DELETE", "/%61pi/v1/models/los-loop-g025", null, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("X-API-Key"));
        assertThat(json.readTree(r.body()).get("title").asString()).isEqualTo("Unauthorized");
    }

    @Test
    @Order(4)
    void actuatorShowsAnonymousCallersOnlyWhatProbesNeed() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"").doesNotContain("diskSpace").doesNotContain(dataDir.toString());
        assertThat(send("GET", "/actuator/health", KEY, null).body()).contains("diskSpace");
        assertThat(send("GET", "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/info", null, null).statusCode()).isEqualTo(200);

        for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.memory.used",
                "/%61ctuator/prometheus", "/actuator/%70rometheus", "/actuator/prometheus/", "/actuator//prometheus",
                "/actuator;a=b/prometheus", "/actuator/./prometheus", "/actuator/x/../prometheus", "/actuator/prometheus?x=1")) {
            for (String method : List.of("GET", "HEAD")) {
                HttpResponse<String> r = send(method, path, null, null);
                assertThat(r.statusCode()).as(method + " " + path).isIn(400, 401);
            }
        }
        assertThat(send("GET", "/actuator/prometheus", KEY, null).body()).contains("prunegcrn_");
        assertThat(send("GET", "/actuator/metrics", SECOND_KEY, null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void readsStayOpenAndTheRightKeysStillWork() throws Exception {
        assertThat(send("GET", "/api/v1/datasets/tiny", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/v3/api-docs", null, null).body()).contains("\"apiKey\"");

        HttpResponse<String> job = send("POST", "/api/v1/training-jobs", KEY,
                target("", "{\"datasetId\":\"tiny\",\"gamma\":0.5,\"epochs\":1,\"batchSize\":16}"));
        assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
        String id = json.readTree(job.body()).get("id").asString();
        String status = "";
        for (int i = 0; i < 600 && !status.equals("SUCCEEDED") && !status.equals("FAILED"); i++) {
            Thread.sleep(200);
            status = json.readTree(send("GET", "/api/v1/training-jobs/" + id, null, null).body()).get("status").asString();
        }
        assertThat(status).isEqualTo("SUCCEEDED");
        assertThat(send("DELETE", "/api/v1/models/" + id, SECOND_KEY, null).statusCode()).isEqualTo(204);
        // the same path MVC routes to, spelled with an escape: judged the same way, so the key opens it too
        assertThat(send("DELETE", "/api/v1/datasets/%74iny", KEY, null).statusCode()).isEqualTo(204);
        assertThat(dataDir.resolve("datasets/tiny")).doesNotExist();
    }

    /** Spellings of a path that a server might route to the same handler. */
    static List<String> spellings(String path) {
        String[] seg = path.substring(1).split("/");
        LinkedHashSet<String> out = new LinkedHashSet<>();
        out.add(path);
        out.add(path + "/");
        out.add("/" + path);
        out.add(path + "/.");
        out.add(path + "?x=1");
        out.add(path + "?_method=GET");
        out.add(path + "#frag");
        out.add(path.toUpperCase(Locale.ROOT));
        out.add(path + ";jsessionid=0123");
        out.add(path + "%20");
        out.add(path + "%00");
        out.add(path + "%2F");
        out.add(path + "/..%2F");
        for (int i = 0; i < seg.length; i++) {
            out.add(join(seg, i, seg[i] + ";x=1"));
            out.add(join(seg, i, seg[i] + ";"));
            out.add(join(seg, i, "%" + Integer.toHexString(seg[i].charAt(0)) + seg[i].substring(1)));
            out.add(join(seg, i, "%" + Integer.toHexString(seg[i].charAt(0)).toUpperCase(Locale.ROOT) + seg[i].substring(1)));
            out.add(join(seg, i, encodeAll(seg[i])));
            out.add(join(seg, i, Character.toUpperCase(seg[i].charAt(0)) + seg[i].substring(1)));
            out.add(join(seg, i, "." + "/" + seg[i]));
            out.add(join(seg, i, "x/../" + seg[i]));
            out.add(join(seg, i, "x/%2e%2e/" + seg[i]));
            out.add(join(seg, i, "%2e/" + seg[i]));
            out.add(join(seg, i, "/" + seg[i]));
            out.add(join(seg, i, seg[i] + "%2F"));
            out.add(join(seg, i, "x%5C..%5C" + seg[i]));
        }
        return new ArrayList<>(out);
    }

    private static String join(String[] segments, int replaced, String replacement) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            sb.append('/').append(i == replaced ? replacement : segments[i]);
        }
        return sb.toString();
    }

    private static String encodeAll(String segment) {
        StringBuilder sb = new StringBuilder();
        for (char c : segment.toCharArray()) {
            sb.append('%').append(String.format("%02X", (int) c));
        }
        return sb.toString();
    }

    /** Every file of the data directory with its size and modification time. */
    private static SortedMap<String, Long> store() throws IOException {
        SortedMap<String, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dataDir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dataDir.relativize(p) + " " + Files.size(p), Files.getLastModifiedTime(p).toMillis());
            }
        }
        return files;
    }

    private static final String MULTIPART = "multipart/form-data; boundary=";

    private static Target target(String path, String body) {
        return new Target(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static Target multipart(String id) {
        String boundary = "----prunegcrn" + UUID.randomUUID();
        StringBuilder series = new StringBuilder("s0,s1,s2,s3\n");
        for (int t = 0; t < 150; t++) {
            series.append(String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%.2f%n", 50 + Math.sin(t / 8.0), 51 + Math.cos(t / 8.0),
                    49 + Math.sin(t / 5.0), 50 + Math.cos(t / 6.0)));
        }
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n" + id + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"series\"; filename=\"s.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + series + "\r\n--" + boundary + "--\r\n";
        return new Target("/api/v1/datasets", MULTIPART + boundary, body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(String method, String path, String key, Target body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body.body()));
        if (body != null) {
            request.header("Content-Type", body.contentType());
        }
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
