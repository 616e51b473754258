package io.prunegcrn.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.prunegcrn.PruneGcrnApplication;

/**
 * The Helm chart's layout: the actuator on a port of its own that only the cluster reaches. Prometheus scrapes it
 * without a key; health details stay hidden from anonymous callers; the application port serves no actuator.
 */
@Tag("e2e")
class ManagementPortIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void metricsOnTheManagementPortNeedNoKeyAndTheApiStillDoes() throws Exception {
        int managementPort;
        try (ServerSocket free = new ServerSocket(0)) {
            managementPort = free.getLocalPort();
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PruneGcrnApplication.class).run(
                "--server.port=0", "--management.server.port=" + managementPort, "--prunegcrn.data-dir=" + dataDir,
                "--prunegcrn.api-key=k", "--prunegcrn.pretrained.install=false", "--logging.level.root=WARN")) {
            String api = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            String management = "http://localhost:" + managementPort;
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> prometheus = get(http, management + "/actuator/prometheus");
            assertThat(prometheus.statusCode()).isEqualTo(200);
            assertThat(prometheus.body()).contains("prunegcrn_");
            HttpResponse<String> health = get(http, management + "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).doesNotContain("diskSpace");

            assertThat(get(http, api + "/actuator/prometheus").statusCode()).isNotEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/datasets/los-loop")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(get(http, api + "/api/v1/datasets").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
