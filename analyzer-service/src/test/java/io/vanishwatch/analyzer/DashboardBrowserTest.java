package io.vanishwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
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
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vanishwatch.analyzer.Mail.Message;
import io.vanishwatch.events.FolderRole;
import io.vanishwatch.events.MailboxEvent;
import io.vanishwatch.local.kafka.KafkaTestResource;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver, nothing downloaded) against the
 * analyzer on a real broker: after the motivating case, the account's timeline shows each vanished message with where
 * it went, and the open alert with its advice; without the token the API the page reads refuses it.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestProfile(DashboardBrowserTest.WithToken.class)
class DashboardBrowserTest {

    static final String TOKEN = "dashboard-test-token";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    static final int WIDTH = 1400;
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** A token, and a Streams application of its own. */
    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.kafka-streams.application-id", "vanishwatch-analyzer-dashboard-test",
                    "vanishwatch.analyzer.api.token", TOKEN);
        }
    }

    private static ChromeDriverService service;
    private static WebDriver browser;

    @TestHTTPResource("/")
    URL root;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Broker broker = new Broker(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @BeforeAll
    static void startBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: the dashboard test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                        + CHROMEDRIVER + "); install them with 'apt-get install -y chromium chromium-driver' "
                        + "(.ci/run does)");
        // the driver and the browser are named here, so Selenium Manager has nothing to look for (and SE_OFFLINE)
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=" + WIDTH + ",1000",
                        "--lang=en-GB");
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void shouldShowTheVanishedMessagesWithTheirVerdictAndTheOpenAlert() throws IOException {
        // given an account whose Mac takes three new, unread messages off the server half a minute after arrival (one
        // with a subject that is markup), found in no other folder, and one more that a rule files into Junk
        String account = "dashboard-" + UUID.randomUUID() + "@test.example";
        Instant start = Instant.now().minusSeconds(120);
        List<Message> gone = List.of(Message.numbered(1), Message.numbered(2),
                new Message("<msg-3@supplier.example>", "billing@supplier.example",
                        "<img src=x onerror=\"window.injected=true\"> Invoice 3", start));
        List<MailboxEvent> events = new ArrayList<>();
        events.add(Mail.watch(account, MailboxEvent.WatchState.CONNECTED, start));
        for (int n = 1; n <= 3; n++) {
            Message message = gone.get(n - 1);
            events.add(Mail.arrived(account, "INBOX", FolderRole.INBOX, n, message, start.plusSeconds(n)));
            events.add(Mail.removedToNoFolder(account, "INBOX", FolderRole.INBOX, n, message,
                    start.plusSeconds(30 + n), "\\Deleted"));
        }
        Message newsletter = new Message("<news@shop.example>", "news@shop.example", "Spring offers", start);
        events.add(Mail.arrived(account, "INBOX", FolderRole.INBOX, 4, newsletter, start.plusSeconds(40)));
        events.add(Mail.removedInto(account, "INBOX", FolderRole.INBOX, 4, newsletter, start.plusSeconds(45), "Junk",
                FolderRole.JUNK, 40));
        broker.publish(account, events);

        // when the analyzer has raised the alert, and staff open the dashboard, give the token and open the account
        String alertsOfAccount = "api/alerts?account=" + URLEncoder.encode(account, StandardCharsets.UTF_8);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> alerts = get(alertsOfAccount, "Bearer " + TOKEN);
            assertThat(alerts.body()).as("status " + alerts.statusCode()).contains("CLIENT_MOVES_TO_LOCAL");
        });
        browser.get(root.toString() + "dashboard/");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        signIn(wait, TOKEN);
        WebElement accountLink = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//table[@id='accounts']//button[text()=" + xpathLiteral(account) + "]")));
        assertThat(rowOf(accountLink).getText()).contains("CONNECTED");
        accountLink.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account-name"), account));
        wait.until(driver -> driver.findElements(By.cssSelector("#timeline tbody tr.removal")).size() == 4
                ? true : null);

        // then the timeline shows each vanished message with its verdict, coloured, and the alert raised
        List<WebElement> removals = browser.findElements(By.cssSelector("#timeline tbody tr.removal"));
        for (int n = 0; n < 3; n++) {
            WebElement row = removals.get(n);
            assertThat(row.getText()).contains(gone.get(n).subject(), "gone from the server", "(unread)");
            assertThat(row.getAttribute("class")).contains("verdict-row-gone");
        }
        assertThat(removals.get(3).getText()).contains("Spring offers", "moved to Junk");
        assertThat(removals.get(3).getAttribute("class")).contains("verdict-row-junk");
        assertThat(browser.findElements(By.cssSelector("#timeline tbody tr.arrival"))).hasSize(4);
        assertThat(browser.findElement(By.cssSelector("#timeline tbody tr.alert-row")).getText())
                .contains("alert FIRING", "CLIENT_MOVES_TO_LOCAL", "3 unread messages");

        // and the open alert, with its advice and its evidence
        WebElement alert = browser.findElement(By.cssSelector("#alerts article.alert"));
        assertThat(browser.findElements(By.cssSelector("#alerts article.alert"))).hasSize(1);
        assertThat(alert.findElement(By.className("pattern")).getText()).isEqualTo("CLIENT_MOVES_TO_LOCAL");
        assertThat(alert.findElement(By.className("summary")).getText()).contains(account, "no folder on the server");
        assertThat(alert.findElement(By.className("advice")).getText()).startsWith("What to do:").hasSizeGreaterThan(20);
        assertThat(alert.findElements(By.cssSelector("table.evidence tbody tr"))).extracting(WebElement::getText)
                .hasSize(3).allSatisfy(text -> assertThat(text).contains("unread", "gone from the server"));

        // and a subject written as markup stays text: no element made from it, no script run
        assertThat(browser.findElements(By.cssSelector("#timeline img, #alerts img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.injected === true")).isEqualTo(false);
        assertThat(browser.getCurrentUrl()).doesNotContain(TOKEN);

        saveScreenshot("account-timeline-and-open-alert.png");
    }

    @Test
    void shouldRefuseTheApiWithoutTheTokenAndAskForItAgainWhenWrong() throws Exception {
        // given the dashboard's page, which holds no data and is served to anyone
        assertThat(get("dashboard", null).headers().firstValue("Location")).contains("dashboard/");
        HttpResponse<String> page = get("dashboard/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));

        // when the page's origin asks the API without the token, or with a wrong one, then it is refused
        browser.get(root.toString() + "dashboard/");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/accounts', {cache: 'no-store'}).then(r => done(r.status), e => done(String(e)));");
        assertThat(status).isEqualTo(401L);
        assertThat(get("api/alerts", null).statusCode()).isEqualTo(401);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(get("api/alerts", "Bearer " + TOKEN).statusCode()).as("with the token").isEqualTo(200));

        // and a wrong token typed in is refused and asked for again, not kept
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        signIn(wait, "not-the-token");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-message"), "refused"));
        assertThat(browser.findElement(By.id("main")).isDisplayed()).isFalse();
        assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.length")).isEqualTo(0L);
        saveScreenshot("token-refused.png");
    }

    /** Types the token into the page's form, after forgetting one an earlier test gave. */
    private void signIn(WebDriverWait wait, String token) {
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        field.sendKeys(token);
        browser.findElement(By.id("sign-in-button")).click();
    }

    private static WebElement rowOf(WebElement cellContent) {
        return cellContent.findElement(By.xpath("ancestor::tr"));
    }

    /** An account name as an XPath string literal (it holds no quote of either kind here). */
    private static String xpathLiteral(String value) {
        return "'" + value + "'";
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root.toString()).resolve(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The whole page, not only the window: the window is made as tall as the page first. */
    private static void saveScreenshot(String name) throws IOException {
        Number height = (Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(WIDTH, Math.max(height.intValue(), 600)));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOTS);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
