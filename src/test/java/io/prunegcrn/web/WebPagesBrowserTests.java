package io.prunegcrn.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.prunegcrn.PruneGcrnApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages in headless Chromium: what they draw, that the console stays clean and that no request leaves the
 * service. Screenshots go to target/screenshots.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPagesBrowserTests {

    /** The optional tile layer, switched on with a tile that needs no network and does not show in the screenshots. */
    private static final String TRANSPARENT_TILE =
            "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private Path dataDir;
    private ConfigurableApplicationContext app;
    private HeadlessChromium browser;
    private String base;

    @BeforeAll
    void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        dataDir = Files.createTempDirectory("prunegcrn-web");
        app = new SpringApplicationBuilder(PruneGcrnApplication.class)
                .run("--server.port=0", "--prunegcrn.data-dir=" + dataDir, "--logging.level.root=WARN",
                        "--prunegcrn.web.tile-url=" + TRANSPARENT_TILE);
        base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        browser = HeadlessChromium.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void consoleStaysCleanAndNothingLeavesTheService() {
        browser.assertCleanConsoleAndOnlyRequestsTo(base);
    }

    @Test
    void startPageListsThePretrainedModel() throws Exception {
        browser.viewport(1280, 800);
        browser.driver.get(base + "/");
        WebElement link = browser.waitFor(By.cssSelector("tr[data-model='los-loop-g025'] a"), 30);
        assertThat(link.getAttribute("href")).isEqualTo(base + "/models/los-loop-g025");
        browser.waitFor(By.xpath("//tbody[@id='dataset-rows']/tr/td[text()='los-loop']"), 30);
        browser.screenshot("start-1280x800");
        browser.viewport(390, 844);
        browser.screenshot("start-390x844");
    }

    @Test
    void modelPageDrawsTheMapTheForecastAndTheRetainedList() throws Exception {
        browser.viewport(1280, 800);
        browser.driver.get(base + "/models/los-loop-g025");
        WebElement map = browser.waitFor(By.cssSelector("#map[data-points]"), 30);
        assertThat(map.getAttribute("data-layout")).isEqualTo("map");
        assertThat(map.getAttribute("data-points")).isEqualTo("207");
        assertThat(map.getAttribute("data-retained")).isEqualTo("52");
        assertThat(Integer.parseInt(map.getAttribute("data-edges"))).isPositive();
        assertThat(Integer.parseInt(map.getAttribute("data-tiles"))).isPositive();

        WebElement forecast = browser.waitFor(By.cssSelector("#forecast[data-draws]"), 60);
        WebElement slider = browser.driver.findElement(By.id("step"));
        int first = Integer.parseInt(forecast.getAttribute("data-step"));
        assertThat(first).isEqualTo(Integer.parseInt(slider.getAttribute("min")));
        int draws = Integer.parseInt(forecast.getAttribute("data-draws"));
        slider.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT); // keyboard reachable, too
        new WebDriverWait(browser.driver, Duration.ofSeconds(60)).until(d -> String.valueOf(first + 3).equals(forecast.getAttribute("data-step"))
                && Integer.parseInt(forecast.getAttribute("data-draws")) > draws);

        // a backtest of 64 windows from the page: its progress, then its metrics in the table
        By averageMae = By.cssSelector("#metrics tr:last-child td:nth-child(2)");
        String testSplitMae = browser.driver.findElement(averageMae).getText();
        WebElement backtest = runBacktest("1700", "1764");
        new WebDriverWait(browser.driver, Duration.ofSeconds(120)).until(d -> "64".equals(backtest.getAttribute("data-windows")));
        assertThat(browser.driver.findElement(By.id("backtest-note")).getText()).startsWith("Backtest of steps 1700–1763: 64 windows");
        assertThat(browser.driver.findElements(By.cssSelector("#metrics tr"))).hasSize(13);
        assertThat(browser.driver.findElement(averageMae).getText()).isNotEqualTo(testSplitMae).isNotBlank();

        // the CSV behind the download link: a header and one line per retained sensor, ranked
        String csv = (String) browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(document.getElementById('csv').href).then(r => r.text()).then(done);");
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(53);
        assertThat(lines.get(0)).isEqualTo("rank,index,sensor_id,raw_mask,latitude,longitude,test_mae");
        assertThat(lines.get(1)).startsWith("1,");

        // the pretrained model predates per-sensor errors: the page asks, the service computes them once
        new WebDriverWait(browser.driver, Duration.ofSeconds(600)) // minutes on a busy machine
                .until(d -> d.findElement(By.id("error-summary")).getText().startsWith("Test MAE at retained"));
        browser.screenshot("model-forecast-1280x800");
        browser.script("window.scrollTo(0, 0)");
        browser.screenshot("model-1280x800");
        browser.viewport(1280, 1960);
        browser.screenshot("model-full-1280");
        browser.viewport(390, 844); // a phone: loaded at its width, as a phone would
        browser.driver.navigate().refresh();
        assertThat(browser.waitFor(By.cssSelector("#map[data-points]"), 30).getAttribute("data-retained")).isEqualTo("52");
        browser.waitFor(By.cssSelector("#forecast[data-draws]"), 60);
        browser.screenshot("model-390x844");
    }

    @Test
    void onTheModelPageClicksOnTheMapSwitchSensorsForAWhatIfAndTheGeoJsonDownloadsEverySensor() throws Exception {
        browser.viewport(1280, 800);
        browser.driver.get(base + "/models/los-loop-g025");
        WebElement map = browser.waitFor(By.cssSelector("#map[data-points]"), 30);
        WebElement result = browser.driver.findElement(By.id("whatif-result"));
        browser.driver.findElement(By.cssSelector("#whatif input[name=toggle]")).click();
        JsonNode first = json.readTree(get("/api/v1/models/los-loop-g025/retained-nodes")).get("retained").get(0);

        clickOnMap(map, first.get("longitude").asDouble(), first.get("latitude").asDouble());
        new WebDriverWait(browser.driver, Duration.ofSeconds(600)).until(d -> result.getAttribute("data-mae") != null);
        assertThat(map.getAttribute("data-retained")).isEqualTo("51");
        assertThat(result.getAttribute("data-read")).isEqualTo("51");
        String removed = result.getAttribute("data-removed");
        assertThat(removed).isNotBlank().doesNotContain(",");
        double modelMae = json.readTree(get("/api/v1/models/los-loop-g025")).get("test").get("average").get("mae").asDouble();
        assertThat(result.getText()).contains("−1: " + removed)
                .contains(String.format(Locale.ROOT, "against the model's %.3f", modelMae));
        // the page shows the API's answer for that set
        StringBuilder keep = new StringBuilder();
        json.readTree(get("/api/v1/models/los-loop-g025/retained-nodes")).get("retained").valueStream()
                .map(s -> s.get("sensorId").asString()).filter(id -> !id.equals(removed))
                .forEach(id -> keep.append(keep.isEmpty() ? "" : ",").append('"').append(id).append('"'));
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/los-loop-g025/what-if"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"keep\":[" + keep + "]}"))
                .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Double.parseDouble(result.getAttribute("data-mae")))
                .isEqualTo(json.readTree(api.body()).get("metrics").get("average").get("mae").asDouble());
        browser.screenshot("model-what-if-1280x800");

        // the same spot again: back on
        clickOnMap(map, first.get("longitude").asDouble(), first.get("latitude").asDouble());
        new WebDriverWait(browser.driver, Duration.ofSeconds(600)).until(d -> "52".equals(result.getAttribute("data-read")));
        assertThat(result.getText()).contains("the model's own set");

        // the GeoJSON behind its download link: every sensor, [longitude, latitude], once the per-sensor errors are known
        WebElement geo = new WebDriverWait(browser.driver, Duration.ofSeconds(600))
                .until(d -> d.findElement(By.id("geojson")).isDisplayed() ? d.findElement(By.id("geojson")) : null);
        assertThat(geo.getAttribute("download")).isEqualTo("los-loop-g025-sensors.geojson");
        JsonNode collection = json.readTree((String) browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1]; "
                + "fetch(document.getElementById('geojson').href).then(r => r.text()).then(done);"));
        assertThat(collection.get("type").asString()).isEqualTo("FeatureCollection");
        assertThat(collection.get("features")).hasSize(207);
        assertThat(collection.get("features").valueStream().filter(f -> f.get("properties").get("retained").asBoolean())).hasSize(52);
        assertThat(collection.get("features").get(0).get("geometry").get("coordinates").get(0).asDouble()).isBetween(-119.0, -117.0);
        assertThat(browser.driver.findElement(By.id("report-link")).getAttribute("href"))
                .isEqualTo(base + "/api/v1/models/los-loop-g025/report");
        assertThat(browser.waitFor(By.cssSelector("#failure-compute"), 30).isDisplayed()).as("no failure curve stored yet").isTrue();
    }

    /** A real click on the map at a sensor's coordinates (as the chart places them). */
    private void clickOnMap(WebElement map, double longitude, double latitude) {
        List<?> px = (List<?>) browser.script("return echarts.getInstanceByDom(document.getElementById('map'))"
                + ".convertToPixel({seriesIndex: 2}, [" + longitude + ", " + latitude + "]);");
        org.openqa.selenium.Rectangle box = map.getRect();
        new org.openqa.selenium.interactions.Actions(browser.driver)
                .moveToElement(map, (int) Math.round(((Number) px.get(0)).doubleValue() - box.getWidth() / 2.0),
                        (int) Math.round(((Number) px.get(1)).doubleValue() - box.getHeight() / 2.0))
                .click().perform();
    }

    @Test
    void aTinyJobStartedFromThePageShowsProgressAndEndsInItsModelPage() throws Exception {
        // no coordinates but a road graph: the model page lays the network out as a graph
        HttpResponse<String> upload = TinyDataset.upload(base, "tiny-web", "from,to,cost\ns0,s1,100\ns1,s2,120\ns2,s3,90\ns4,s5,80\n", null);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        browser.viewport(1280, 800);
        browser.driver.get(base + "/");
        browser.waitFor(By.cssSelector("#job-dataset option"), 30);
        browser.driver.findElement(By.cssSelector("#new-job summary")).click();
        new Select(browser.driver.findElement(By.id("job-dataset"))).selectByVisibleText("tiny-web");
        browser.type("gamma", "0.5");
        browser.type("epochs", "6"); // a few seconds of training: long enough to watch it run
        browser.type("hiddenUnits", "4");
        browser.type("embedDim", "2");
        browser.type("mustKeep", "s1 nope"); // refused, naming the field and the id; nothing is queued
        browser.driver.findElement(By.id("start-job")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("job-message")).getText().contains("mustKeep: unknown sensors [nope]"));
        browser.assertConsoleErrorsSoFarAre("/api/v1/training-jobs - Failed to load resource: the server responded with a status of 400");
        browser.type("mustKeep", "s1");
        browser.type("mustDrop", "s0, s2");
        List<String> before = browser.driver.findElements(By.cssSelector("#job-rows tr[data-job]")).stream()
                .map(r -> r.getAttribute("data-job")).toList(); // other tests' jobs are listed too
        browser.driver.findElement(By.id("start-job")).click();

        // the new job's row with a progress bar (queued or running); on an idle machine the job takes a few seconds,
        // so look often; the page re-renders rows on every event, so look again until one row shows both at once
        String jobId = new WebDriverWait(browser.driver, Duration.ofSeconds(30), Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#job-rows tr[data-job]")).stream()
                        .filter(r -> !before.contains(r.getAttribute("data-job")) && !r.findElements(By.tagName("progress")).isEmpty())
                        .map(r -> r.getAttribute("data-job")).findFirst().orElse(null));
        browser.screenshot("job-started-1280x800");

        new WebDriverWait(browser.driver, Duration.ofSeconds(240)).until(d -> d.getCurrentUrl().equals(base + "/models/" + jobId));
        WebElement map = browser.waitFor(By.cssSelector("#map[data-points]"), 30);
        JsonNode model = json.readTree(get("/api/v1/models/" + jobId));
        assertThat(map.getAttribute("data-layout")).isEqualTo("graph");
        assertThat(map.getAttribute("data-points")).isEqualTo("8");
        assertThat(map.getAttribute("data-retained")).isEqualTo(model.get("sensorsKept").asString());
        assertThat(map.getAttribute("data-edges")).isEqualTo("4");
        assertThat(model.get("hyperparameters").get("mustKeep").get(0).asString()).isEqualTo("s1");
        JsonNode mask = json.readTree(get("/api/v1/models/" + jobId + "/mask")).get("sensors");
        assertThat(mask.get(1).get("kept").asBoolean()).isTrue();
        assertThat(mask.get(0).get("kept").asBoolean() || mask.get(2).get("kept").asBoolean()).isFalse();
        browser.waitFor(By.cssSelector("#forecast[data-draws]"), 60);
        new WebDriverWait(browser.driver, Duration.ofSeconds(60))
                .until(d -> d.findElement(By.id("error-summary")).getText().startsWith("Test MAE at retained"));
        browser.screenshot("tiny-model-1280x800");

        // the failure curve, computed on request with its progress, then drawn; the decision card names the constraints
        browser.driver.findElement(By.id("failure-compute")).click();
        WebElement curve = browser.waitFor(By.cssSelector("#failure-chart[data-points='5']"), 120);
        assertThat(browser.driver.findElement(By.id("failure-note")).getText()).contains("retained sensors fails");
        assertThat(curve.isDisplayed()).isTrue();
        assertThat(browser.driver.findElement(By.id("decision-facts")).getText()).contains("s0, s2");
        browser.driver.findElement(By.id("yardstick-compute")).click();
        WebElement facts = browser.waitFor(By.cssSelector("#decision-facts[data-ridge]:not([data-ridge=''])"), 120);
        assertThat(facts.getText()).contains("AGAINST RIDGE, SAME SENSORS");
        assertThat(Double.parseDouble(facts.getAttribute("data-ridge")))
                .isEqualTo(json.readTree(get("/api/v1/models/" + jobId + "/yardsticks")).get("ridgeMae").asDouble());

        // fine-tuning the model's own set from the page: a job that starts from its weights and reads exactly that set
        browser.driver.findElement(By.cssSelector("#whatif input[name=toggle]")).click();
        browser.type("epochs", "1");
        browser.driver.findElement(By.cssSelector("#whatif button[name=finetune]")).click();
        WebElement result = browser.waitFor(By.cssSelector("#whatif-result[data-job]"), 60);
        String tuneId = result.getAttribute("data-job");
        JsonNode tuneJob = json.readTree(get("/api/v1/training-jobs/" + tuneId));
        assertThat(tuneJob.get("config").get("warmStart").asString()).isEqualTo(jobId);
        assertThat(tuneJob.get("config").get("mustKeep").valueStream().map(JsonNode::asString).toList())
                .containsExactlyElementsOf(json.readTree(get("/api/v1/models/" + jobId + "/mask")).get("sensors").valueStream()
                        .filter(x -> x.get("kept").asBoolean()).map(x -> x.get("sensorId").asString()).toList());

        // computed when the model was made, before the job reported success, not on the page's request
        Instant finished = Instant.parse(json.readTree(get("/api/v1/training-jobs/" + jobId)).get("finishedAt").asString());
        Path errors = dataDir.resolve("models").resolve(jobId).resolve("sensor-errors.json");
        assertThat(Files.getLastModifiedTime(errors).toInstant()).isBeforeOrEqualTo(finished);
    }

    @Test
    void anHourlyNetworkOf675StopsWithoutCoordinatesReadsInHoursAndFitsTheChart() throws Exception {
        HttpResponse<String> upload = TinyDataset.uploadCounts(base, "bus-stops", 675, 150, 60);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        assertThat(json.readTree(upload.body()).get("stepMinutes").asInt()).isEqualTo(60);
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/training-jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"datasetId\":\"bus-stops\","
                        + "\"gamma\":0.1,\"epochs\":1,\"hiddenUnits\":4,\"embedDim\":2}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String jobId = json.readTree(started.body()).get("id").asString();
        new WebDriverWait(browser.driver, Duration.ofSeconds(300), Duration.ofMillis(500))
                .until(d -> !List.of("QUEUED", "RUNNING").contains(status(jobId)));
        assertThat(status(jobId)).isEqualTo("SUCCEEDED");

        browser.viewport(1280, 800);
        browser.driver.get(base + "/models/" + jobId);
        WebElement map = browser.waitFor(By.cssSelector("#map[data-outside]"), 60);
        assertThat(map.getAttribute("data-layout")).isEqualTo("graph");
        assertThat(map.getAttribute("data-points")).isEqualTo("675");
        assertThat(map.getAttribute("data-outside")).as("sensors outside the chart or under its legend").isEqualTo("0");
        browser.waitFor(By.cssSelector("#forecast[data-draws]"), 60);
        Object labels = browser.script("return echarts.getInstanceByDom(document.getElementById('forecast')).getOption().xAxis[0].data");
        assertThat(((List<?>) labels).stream().map(String::valueOf).toList()).hasSize(12).startsWith("+1 h", "+2 h").endsWith("+12 h");
        assertThat(browser.driver.findElement(By.cssSelector("#metrics tr:first-child td:first-child")).getText()).isEqualTo("1 (1 h)");
        assertThat(browser.driver.findElement(By.cssSelector("#metrics tr:nth-child(12) td:first-child")).getText()).isEqualTo("12 (12 h)");
        browser.screenshot("hourly-675-1280x800");

        browser.driver.get(base + "/");
        browser.waitFor(By.xpath("//tbody[@id='dataset-rows']/tr[td[text()='bus-stops']]/td[text()='1 h']"), 30);
    }

    private String status(String jobId) {
        try {
            return json.readTree(get("/api/v1/training-jobs/" + jobId)).get("status").asString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sweepPageShowsMaeAgainstSensorsKeptWithTheFullModelAndTheKnee() throws Exception {
        HttpResponse<String> upload = TinyDataset.upload(base, "tiny-sweep", "from,to,cost\n", null);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sweeps"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"datasetId\":\"tiny-sweep\",\"gammas\":[0.25,0.5,0.75],\"methods\":[\"prunegcrn\",\"full\"],"
                                + "\"seeds\":[1],\"epochs\":1,\"hiddenUnits\":4,\"embedDim\":2,\"kneeTolerance\":10}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String sweepId = json.readTree(started.body()).get("id").asString();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        JsonNode report;
        do {
            Thread.sleep(1000);
            report = json.readTree(get("/api/v1/sweeps/" + sweepId));
        } while (report.get("progress").get("jobsDone").asInt() < report.get("progress").get("jobsTotal").asInt()
                && System.nanoTime() < deadline);
        assertThat(report.get("progress").get("jobsDone").asInt()).isEqualTo(report.get("progress").get("jobsTotal").asInt());

        browser.viewport(1280, 800);
        browser.driver.get(base + "/sweeps/" + sweepId);
        WebElement chart = browser.waitFor(By.cssSelector("#tradeoff[data-points]"), 30);
        assertThat(chart.getAttribute("data-points")).isEqualTo("3");   // the learned mask at three budgets
        double full = report.get("rows").valueStream().filter(r -> r.get("method").asString().equals("full"))
                .findFirst().orElseThrow().get("testMae").asDouble();
        assertThat(Double.parseDouble(chart.getAttribute("data-full-model"))).isEqualTo(full);
        // a 1000 % tolerance makes the knee the smallest budget: the page shows the API's knee, not one of its own
        JsonNode knee = report.get("knees").get(0);
        String[] shown = chart.getAttribute("data-knee").split(",");
        assertThat(Double.parseDouble(shown[0])).isEqualTo(knee.get("sensorsKept").asDouble());
        assertThat(Double.parseDouble(shown[1])).isEqualTo(knee.get("testMae").asDouble());
        assertThat(browser.driver.findElements(By.cssSelector("#rows tr"))).hasSize(report.get("rows").size());
        browser.screenshot("sweep-1280x800");

        // the same comparison over any steps: every model backtested, then aggregated as the report is (the API, then the
        // page); over the test split, its default range, it gives the report's own figures
        JsonNode testSplit = json.readTree(get("/api/v1/sweeps/" + sweepId + "/backtest"));
        assertThat(testSplit.get("models").asInt()).isEqualTo(4);
        for (int r = 0; r < report.get("rows").size(); r++) {
            assertThat(testSplit.get("report").get("rows").get(r).get("testMae").asDouble()).as("row %d", r)
                    .isCloseTo(report.get("rows").get(r).get("testMae").asDouble(), withinPercentage(0.01));
        }
        JsonNode range = json.readTree(get("/api/v1/sweeps/" + sweepId + "/backtest?from=20&to=60")).get("report");
        WebElement form = runBacktest("20", "60");
        new WebDriverWait(browser.driver, Duration.ofSeconds(120)).until(d -> "4".equals(form.getAttribute("data-models")));
        assertThat(browser.driver.findElement(By.id("report-title")).getText()).isEqualTo("MAE over steps 20–59 against sensors kept");
        assertThat(chart.getAttribute("data-points")).isEqualTo("3");
        assertThat(Double.parseDouble(chart.getAttribute("data-full-model"))).isEqualTo(range.get("fullModelMae").asDouble());
        assertThat(browser.driver.findElement(By.cssSelector("#rows tr:first-child td:nth-child(6)")).getText())
                .startsWith(String.format(Locale.ROOT, "%.3f ±", range.get("rows").get(0).get("testMae").asDouble()));
        browser.screenshot("sweep-backtest-1280x800");
    }

    /** Fills the page's backtest form with the range [from, to) and runs it. */
    private WebElement runBacktest(String from, String to) {
        WebElement form = browser.driver.findElement(By.id("backtest"));
        form.findElement(By.name("from")).sendKeys(from);
        form.findElement(By.name("to")).sendKeys(to);
        form.findElement(By.name("run")).click();
        return form;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
        return r.body();
    }
}
