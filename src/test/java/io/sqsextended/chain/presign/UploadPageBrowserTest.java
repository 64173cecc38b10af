package io.sqsextended.chain.presign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import io.sqsextended.chain.testkit.ChainExtension;
import io.sqsextended.chain.config.InjectionControl;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import io.sqsextended.chain.testkit.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The upload page in a real browser (Debian's headless chromium): a 64 MiB file in 5 MiB parts, the page reloaded in
 * the middle and the file chosen again, reaches the consumer byte
 * for byte, once, without sending the stored parts again.
 */
class UploadPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int MIB = 1024 * 1024;
    private static final int PARTS = 13;

    @TempDir
    static Path files;
    @RegisterExtension
    static final ChainExtension chain = ChainExtension.app().beforeStart(c -> Assumptions.assumeTrue(
                    Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                    "no chromium and chromedriver in /usr/bin (apt-get install -y chromium chromium-driver): the "
                            + "upload page is not tried in a browser"))
            .consumer().recordingDownstream()
                    .properties(Map.of(PresignSettings.UPLOAD_MULTIPART_THRESHOLD.name(), "8MiB",
                    PresignSettings.UPLOAD_PART_SIZE.name(), "5MiB"));
    static WebDriver browser;

    @BeforeAll
    static void startTheBrowser() {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=900,1000");
        // the machine's driver, so that Selenium Manager never looks for one on the network
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build(), options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aFileResumedAfterAReloadReachesTheConsumerOnceWithoutItsStoredPartsSentAgain() throws Exception {
        byte[] body = new byte[64 * MIB];
        new Random(18).nextBytes(body);
        Path file = Files.write(files.resolve("page-upload.bin"), body);
        // slow parts, so that the reload comes while some are stored and others not
        InjectionControl.of(chain.context()).latency("s3=1500ms");
        choose(file);

        JsonNode plan = awaitPage(UploadPageBrowserTest::storedPlan, "no multipart plan stored");
        ApiClient api = new ApiClient(chain.api());
        String resume = "/v1/uploads/" + plan.get("uploadId").asText() + "?key=" + plan.get("key").asText()
                + "&contentLength=" + plan.get("contentLength").asLong() + "&partSize=" + plan.get("partSize").asLong();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.send("GET", resume, ApiClient.PRODUCER, null, null).json().get("uploadedParts")
                .size() > 0);
        browser.navigate().refresh();
        InjectionControl.of(chain.context()).latency("none");
        assertThat(browser.findElement(By.id("resumable-list")).getText()).contains("page-upload.bin");
        browser.findElement(By.id("files")).sendKeys(file.toString());

        WebElement row = browser.findElement(By.cssSelector("#file-list li"));
        String key = uploadedKey(row);
        screenshot();
        assertThat(key).isEqualTo(plan.get("key").asText());
        assertThat(row.getText()).contains("Uploaded as " + key);
        assertThat(chain.downstream().awaitKey(key).body()).isEqualTo(body);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> chain.downstream().ofKey(key).size() == 1);
        assertThat(Integer.parseInt(row.getAttribute("data-parts-sent"))).isPositive().isLessThan(PARTS);
        assertThat(storedPlan()).as("the finished plan is forgotten").isNull();
    }

    @Test
    void aSmallFileGoesInOnePutWithItsChecksumAndShowsItsKey() throws Exception {
        byte[] body = "a small file, one PUT\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(files.resolve("small.txt"), body);
        choose(file);

        WebElement row = browser.findElement(By.cssSelector("#file-list li"));
        String key = uploadedKey(row);

        assertThat(key).endsWith("/small.txt");
        assertThat(row.getAttribute("data-parts-sent")).isEqualTo("1");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("1 file(s) uploaded.");
        assertThat(chain.downstream().awaitKey(key).body()).isEqualTo(body);
    }

    /** The key the page shows once the row's file is uploaded. */
    private static String uploadedKey(WebElement row) {
        return awaitPage(() -> row.getAttribute("data-key"), "not uploaded");
    }

    /** The value once not null; what the page and its console said, when it stays null. */
    private static <T> T awaitPage(Callable<T> value, String failure) {
        try {
            return await().atMost(Duration.ofSeconds(60)).until(value, v -> v != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(failure + ". The page: " + browser.findElement(By.tagName("body")).getText()
                    + "\nIts console: " + browser.manage().logs().get("browser").getAll(), e);
        }
    }

    /**
     * Opens the page and chooses {@code file} with the producer token (typed again: the tab may keep an earlier one).
     */
    private static void choose(Path file) {
        browser.get(chain.api().resolve("/upload").toString());
        WebElement token = browser.findElement(By.id("token"));
        token.clear();
        token.sendKeys(ApiClient.PRODUCER);
        browser.findElement(By.id("files")).sendKeys(file.toString());
    }

    /** The plan the page keeps in localStorage, once it has one. */
    private static JsonNode storedPlan() throws IOException {
        Object plans = ((JavascriptExecutor) browser)
                .executeScript("return localStorage.getItem('chain.upload.plans')");
        JsonNode all = plans == null ? null : ApiClient.JSON.readTree((String) plans);
        return all == null || all.isEmpty() ? null : all.elements().next();
    }

    private static void screenshot() {
        try {
            Path target = Path.of("target/upload-page.png");
            Files.copy(((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath(), target,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
