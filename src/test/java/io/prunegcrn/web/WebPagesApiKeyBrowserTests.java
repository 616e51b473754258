package io.prunegcrn.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.prunegcrn.PruneGcrnApplication;

/** With an API key configured, the start page asks for it once, keeps it for the tab and sends it on every write. */
@Tag("e2e")
class WebPagesApiKeyBrowserTests {

    private static final String KEY = "web-test-key";

    @Test
    void theStartPageAsksForTheKeyOnceThenStartsAndCancelsAJob() throws Exception {
        HeadlessChromium.assumeInstalled();
        // both spellings: prunegcrn.api-key today, prunegcrn.api-keys after the move to Spring Security (issue 10)
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PruneGcrnApplication.class).run("--server.port=0",
                "--prunegcrn.data-dir=" + Files.createTempDirectory("prunegcrn-web-key"), "--logging.level.root=WARN",
                "--prunegcrn.pretrained.install=false", "--prunegcrn.api-key=" + KEY, "--prunegcrn.api-keys=" + KEY);
                HeadlessChromium browser = HeadlessChromium.start()) {
            String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            assertThat(TinyDataset.upload(base, "tiny-key", "from,to,cost\n", null).statusCode()).isEqualTo(401);
            assertThat(TinyDataset.upload(base, "tiny-key", "from,to,cost\ns0,s1,1\n", KEY).statusCode()).isEqualTo(201);

            browser.viewport(1280, 800);
            browser.driver.get(base + "/");
            browser.waitFor(By.cssSelector("#job-dataset option"), 30);
            browser.driver.findElement(By.cssSelector("#new-job summary")).click();
            new Select(browser.driver.findElement(By.id("job-dataset"))).selectByVisibleText("tiny-key");
            browser.type("epochs", "400"); // long enough to cancel
            browser.type("hiddenUnits", "4");
            browser.driver.findElement(By.id("start-job")).click();

            // refused without the key: the page asks for it
            WebElement input = browser.waitFor(By.cssSelector("dialog[open] #api-key-input"), 30);
            browser.screenshot("api-key-dialog-1280x800");
            input.sendKeys(KEY);
            browser.driver.findElement(By.cssSelector("dialog[open] button[value=ok]")).click();
            browser.waitFor(By.cssSelector("#job-rows tr[data-job]"), 30);
            assertThat(browser.script("return sessionStorage.getItem('prunegcrn.apiKey')")).isEqualTo(KEY);

            // the cancel's reply (RUNNING, cancel pending) is held back until after the stream's CANCELLED, as on a loaded
            // machine: the late reply must not redraw the finished job as running
            browser.script("const f = window.fetch; window.fetch = (url, o) => f(url, o).then(r => "
                    + "o && o.method === 'DELETE' ? new Promise(done => setTimeout(() => { done(r); "
                    + "setTimeout(() => window.cancelReplied = true, 500); }, 3000)) : r)");
            // the second write uses the stored key without asking again
            // (the row's cells are redrawn on every progress event: find the button afresh until a click lands)
            new WebDriverWait(browser.driver, Duration.ofSeconds(30), Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class)
                    .until(d -> {
                        d.findElement(By.cssSelector("#job-rows tr[data-job] button[data-cancel]")).click();
                        return true;
                    });
            new WebDriverWait(browser.driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                    .until(d -> "CANCELLED".equals(d.findElement(By.cssSelector("#job-rows tr[data-job]")).getAttribute("data-status")));
            new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(browser.script("return window.cancelReplied")));
            assertThat(browser.driver.findElement(By.cssSelector("#job-rows tr[data-job]")).getAttribute("data-status")).isEqualTo("CANCELLED");
            assertThat(browser.driver.findElement(By.cssSelector("#job-rows tr[data-job]")).getText()).contains("cancelled");
            assertThat(browser.driver.findElements(By.cssSelector("dialog[open]"))).isEmpty();
            // Chromium logs the refused first try (401 today, 401 or 403 after the move to Spring Security) as an error;
            // nothing else may show
            browser.assertCleanConsoleAndOnlyRequestsTo(base, "/api/v1/training-jobs - Failed to load resource: the server responded with a status of 40");
        }
    }
}
