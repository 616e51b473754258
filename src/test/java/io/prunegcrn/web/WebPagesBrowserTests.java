package io.prunegcrn.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.prunegcrn.PruneGcrnApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages in headless Chromium (Debian's chromium and chromium-driver; skipped where they are not installed):
 * what they draw, that the console stays clean and that no request leaves the service. Screenshots go to
 * target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPagesBrowserTests {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> requestedUrls = new ArrayList<>();
    private Path dataDir;
    private ConfigurableApplicationContext app;
    private ChromeDriver browser;
    private String base;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "no " + CHROMEDRIVER + ": install chromium and chromium-driver");
        dataDir = Files.createTempDirectory("prunegcrn-web");
        app = new SpringApplicationBuilder(PruneGcrnApplication.class)
                .run("--server.port=0", "--prunegcrn.data-dir=" + dataDir, "--logging.level.root=WARN");
        base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,800",
                "--user-data-dir=" + Files.createTempDirectory("prunegcrn-chromium"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void consoleStaysCleanAndNothingLeavesTheService() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
        assertThat(errors).as("browser console errors").isEmpty();
        collectRequests();
        // chrome:, data:, blob: and about: URLs never reach the network
        assertThat(requestedUrls).as("requests outside the service")
                .filteredOn(u -> u.matches("(?i)(https?|wss?|ftp)://.*")).allMatch(u -> u.startsWith(base + "/"));
        assertThat(requestedUrls).anyMatch(u -> u.startsWith(base + "/api/v1/"));
    }

    @Test
    void startPageListsThePretrainedModel() throws Exception {
        viewport(1280, 800);
        browser.get(base + "/");
        WebElement link = waitFor(By.cssSelector("tr[data-model='los-loop-g025'] a"), 30);
        assertThat(link.getAttribute("href")).isEqualTo(base + "/models/los-loop-g025");
        waitFor(By.xpath("//tbody[@id='dataset-rows']/tr/td[text()='los-loop']"), 30);
        screenshot("start-1280x800");
    }

    @Test
    void modelPageDrawsTheMapTheForecastAndTheRetainedList() throws Exception {
        viewport(1280, 800);
        browser.get(base + "/models/los-loop-g025");
        WebElement map = waitFor(By.cssSelector("#map[data-points]"), 30);
        assertThat(map.getAttribute("data-layout")).isEqualTo("map");
        assertThat(map.getAttribute("data-points")).isEqualTo("207");
        assertThat(map.getAttribute("data-retained")).isEqualTo("52");
        assertThat(Integer.parseInt(map.getAttribute("data-edges"))).isPositive();

        WebElement forecast = waitFor(By.cssSelector("#forecast[data-draws]"), 60);
        WebElement slider = browser.findElement(By.id("step"));
        int first = Integer.parseInt(forecast.getAttribute("data-step"));
        assertThat(first).isEqualTo(Integer.parseInt(slider.getAttribute("min")));
        int draws = Integer.parseInt(forecast.getAttribute("data-draws"));
        slider.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT); // keyboard reachable, too
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> String.valueOf(first + 3).equals(forecast.getAttribute("data-step"))
                && Integer.parseInt(forecast.getAttribute("data-draws")) > draws);

        // the CSV behind the download link: a header and one line per retained sensor, ranked
        String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(document.getElementById('csv').href).then(r => r.text()).then(done);");
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(53);
        assertThat(lines.get(0)).isEqualTo("rank,index,sensor_id,raw_mask,latitude,longitude,test_mae");
        assertThat(lines.get(1)).startsWith("1,");

        // the pretrained model predates per-sensor errors: the page asks, the service computes them once
        new WebDriverWait(browser, Duration.ofSeconds(300)).until(d -> d.findElement(By.id("error-summary")).getText().startsWith("Test MAE at retained"));
        screenshot("model-forecast-1280x800");
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        screenshot("model-1280x800");
        viewport(1280, 2200);
        screenshot("model-full-1280");
        viewport(390, 844);
        Thread.sleep(300); // let the charts follow the resize before the picture
        screenshot("model-390x844");
        viewport(1280, 800);
    }

    @Test
    void aTinyJobStartedFromThePageShowsProgressAndEndsInItsModelPage() throws Exception {
        // 8 sensors without coordinates but with a road graph: the model page lays the network out as a graph
        HttpResponse<String> upload = upload("tiny-web", series(8, 150), "from,to,cost\ns0,s1,100\ns1,s2,120\ns2,s3,90\ns4,s5,80\n");
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        viewport(1280, 800);
        browser.get(base + "/");
        waitFor(By.cssSelector("#job-dataset option"), 30);
        browser.findElement(By.cssSelector("#new-job summary")).click();
        new Select(browser.findElement(By.id("job-dataset"))).selectByVisibleText("tiny-web");
        type("gamma", "0.5");
        type("epochs", "2");
        type("hiddenUnits", "4");
        type("embedDim", "2");
        browser.findElement(By.id("start-job")).click();

        WebElement row = waitFor(By.cssSelector("#job-rows tr[data-job]"), 30);
        String jobId = row.getAttribute("data-job");
        assertThat(row.findElements(By.tagName("progress"))).as("a progress bar while it is queued or running").hasSize(1);
        screenshot("job-started-1280x800");

        new WebDriverWait(browser, Duration.ofSeconds(240)).until(d -> d.getCurrentUrl().equals(base + "/models/" + jobId));
        WebElement map = waitFor(By.cssSelector("#map[data-points]"), 30);
        JsonNode model = json.readTree(get("/api/v1/models/" + jobId));
        assertThat(map.getAttribute("data-layout")).isEqualTo("graph");
        assertThat(map.getAttribute("data-points")).isEqualTo("8");
        assertThat(map.getAttribute("data-retained")).isEqualTo(model.get("sensorsKept").asString());
        assertThat(map.getAttribute("data-edges")).isEqualTo("4");
        waitFor(By.cssSelector("#forecast[data-draws]"), 60);
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.findElement(By.id("error-summary")).getText().startsWith("Test MAE at retained"));
        screenshot("tiny-model-1280x800");

        // computed when the model was made, before the job reported success, not on the page's request
        Instant finished = Instant.parse(json.readTree(get("/api/v1/training-jobs/" + jobId)).get("finishedAt").asString());
        Path errors = dataDir.resolve("models").resolve(jobId).resolve("sensor-errors.json");
        assertThat(Files.getLastModifiedTime(errors).toInstant()).isBeforeOrEqualTo(finished);
    }

    private void type(String name, String value) {
        WebElement input = browser.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    private WebElement waitFor(By by, int seconds) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(seconds)).until(d -> {
                List<WebElement> found = d.findElements(by);
                return found.isEmpty() ? null : found.get(0);
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no " + by + " on " + browser.getCurrentUrl() + " after " + seconds + " s; the page says: "
                    + browser.findElement(By.tagName("main")).getText(), e);
        }
    }

    /** Sizes the window so that the page itself (the viewport) gets width × height. */
    private void viewport(int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
        Map<?, ?> inner = (Map<?, ?>) ((JavascriptExecutor) browser).executeScript("return {w: window.innerWidth, h: window.innerHeight};");
        browser.manage().window().setSize(new Dimension(2 * width - ((Number) inner.get("w")).intValue(),
                2 * height - ((Number) inner.get("h")).intValue()));
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** URLs of every request the pages made, from Chromium's network log. */
    private void collectRequests() {
        for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = json.readTree(e.getMessage()).get("message");
            if ("Network.requestWillBeSent".equals(message.get("method").asString())) {
                requestedUrls.add(message.get("params").get("request").get("url").asString());
            }
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return r.body();
    }

    private HttpResponse<String> upload(String id, String series, String roadGraph) throws Exception {
        String boundary = "----prunegcrn" + UUID.randomUUID();
        List<byte[]> parts = List.of(field(boundary, "id", null, id), field(boundary, "series", "series.csv", series),
                field(boundary, "roadGraph", "graph.csv", roadGraph), ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/datasets"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] field(String boundary, String name, String filename, String value) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: text/csv") + "\r\n\r\n";
        return (head + value + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Sine waves with noise, one row per five-minute step. */
    private static String series(int sensors, int steps) {
        Random rnd = new Random(11);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sensors; i++) {
            sb.append(i == 0 ? "" : ",").append('s').append(i);
        }
        sb.append('\n');
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < sensors; i++) {
                double v = 50 + 10 * Math.sin(2 * Math.PI * (t + 3 * i) / 48.0) + rnd.nextGaussian();
                sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
