package io.prunegcrn.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's chromium driven by chromium-driver, headless, with its console and network logs. Tests that use it are
 * skipped (JUnit assumption) where {@code /usr/bin/chromedriver} is not installed; CI installs it.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final ChromeDriver driver;
    private final List<String> requestedUrls = new ArrayList<>();

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }


    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "no " + CHROMEDRIVER + ": install chromium and chromium-driver");
    }

    static HeadlessChromium start() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,800",
                "--user-data-dir=" + Files.createTempDirectory("prunegcrn-chromium"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
        Files.createDirectories(SCREENSHOTS);
        return new HeadlessChromium(new ChromeDriver(
                new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options));
    }

    @Override
    public void close() {
        driver.quit();
    }

    /**
     * Fails on errors in the browser console (but those containing one of {@code expected}), and on any request that
     * went anywhere but {@code base}.
     */
    void assertCleanConsoleAndOnlyRequestsTo(String base, String... expected) {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .filter(m -> java.util.Arrays.stream(expected).noneMatch(m::contains)).toList();
        assertThat(errors).as("browser console errors").isEmpty();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(e.getMessage()).get("message");
            if ("Network.requestWillBeSent".equals(message.get("method").asString())) {
                requestedUrls.add(message.get("params").get("request").get("url").asString());
            }
        }
        // chrome:, data:, blob: and about: URLs never reach the network
        assertThat(requestedUrls).as("requests outside the service")
                .filteredOn(u -> u.matches("(?i)(https?|wss?|ftp)://.*")).allMatch(u -> u.startsWith(base + "/"));
        assertThat(requestedUrls).anyMatch(u -> u.startsWith(base + "/api/v1/"));
    }

    /** Reads the console now (which empties it): every error so far must contain {@code expected} (a refusal a test asked for). */
    void assertConsoleErrorsSoFarAre(String expected) {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
        assertThat(errors).as("browser console errors").isNotEmpty().allMatch(m -> m.contains(expected));
    }

    WebElement waitFor(By by, int seconds) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(seconds)).until(d -> {
                List<WebElement> found = d.findElements(by);
                return found.isEmpty() ? null : found.get(0);
            });
        } catch (TimeoutException e) {
            throw new AssertionError("no " + by + " on " + driver.getCurrentUrl() + " after " + seconds + " s; the page says: "
                    + driver.findElement(By.tagName("main")).getText(), e);
        }
    }

    void type(String name, String value) {
        WebElement input = driver.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    /** Sizes the window so that the page itself (the viewport) gets width × height. */
    void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        Map<?, ?> inner = (Map<?, ?>) script("return {w: window.innerWidth, h: window.innerHeight};");
        driver.manage().window().setSize(new Dimension(2 * width - ((Number) inner.get("w")).intValue(),
                2 * height - ((Number) inner.get("h")).intValue()));
    }

    void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
