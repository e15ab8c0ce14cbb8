package org.dl4jinit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Gradient Health page in Debian's headless Chromium (through chromedriver and Selenium), served by DL4J's own
 * UI server on an ephemeral port. One browser for the class; after every test the browser console must hold no
 * SEVERE entry. Screenshots go to {@code target/screenshots}. Without /usr/bin/chromium and /usr/bin/chromedriver
 * (installed by {@code .ci/setup}) the class is skipped, like the tests that need the real Fashion-MNIST files.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GradientHealthPageBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private static VertxUIServer server;
    private static InMemoryStatsStorage storage;
    private static WebDriver driver;
    private static String base;

    /** Chromium's profile; deleted by JUnit after {@link #stop} has quit the browser. */
    @TempDir
    static Path chromeProfile;

    @BeforeAll
    static void start() throws Exception {
        boolean browser = Files.isExecutable(Paths.get("/usr/bin/chromium"))
                && Files.isExecutable(Paths.get("/usr/bin/chromedriver"));
        // .ci/run sets DL4JINIT_REQUIRE_BROWSER=1: there a missing browser is a failure, not a skip
        if ("1".equals(System.getenv("DL4JINIT_REQUIRE_BROWSER"))) {
            org.junit.jupiter.api.Assertions.assertTrue(browser,
                    "DL4JINIT_REQUIRE_BROWSER=1 but /usr/bin/chromium or /usr/bin/chromedriver is missing");
        }
        Assumptions.assumeTrue(browser, "needs Debian's chromium and chromium-driver (bash .ci/setup installs them)");
        storage = new InMemoryStatsStorage();
        server = VertxUIServer.getInstance(0, false, null);
        server.attach(storage);
        base = "http://127.0.0.1:" + server.getPort();

        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,2200",
                "--user-data-dir=" + chromeProfile);
        LoggingPreferences lp = new LoggingPreferences();
        lp.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", lp);
        ChromeDriverService s = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(s, o);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.detach(storage);
            VertxUIServer.stopInstance();
        }
    }

    @AfterEach
    void consoleHasNoErrors() {
        if (driver == null) {
            return;
        }
        List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString)
                .collect(Collectors.toList());
        assertThat(severe).as("SEVERE browser console entries").isEmpty();
    }

    @Test
    @Order(1)
    void emptyStorageShowsAFriendlyMessage() {
        driver.get(base + "/health");
        waitFor(d -> status().contains("No gradient-health records yet"));
        assertThat(status()).isEqualTo("No gradient-health records yet — attach a GradientHealthListener "
                + "(HealthConfig.builder().subscribe(HealthRecorder.to(storage))) and "
                + "UIServer.getInstance().attach(storage).");
        assertThat(driver.findElement(By.id("content")).isDisplayed()).isFalse();
    }

    @Test
    @Order(2)
    void zeroInitNetworkWhileTrainingShowsFailingLayersAndChartsWithData() throws Exception {
        String session = "zero-init-live";
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        MultiLayerNetwork net = TestNets.mlp(3, 32, Activation.TANH, new ZeroInit(), 5);
        net.setListeners(TestNets.listener(storage, session));
        DataSet d = TestNets.data(64, 5);
        Thread training = new Thread(() -> {
            try {
                while (!stop.get()) {
                    net.fit(d);
                    Thread.sleep(5);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "zero-init-training");
        training.start();
        try {
            open(session);
            waitFor(dr -> verdicts().size() == 4);
            assertThat(verdicts()).containsExactly("FAILING", "FAILING", "FAILING", "FAILING");
            // each row: the layer's headline finding, its cause (zero weights) and the remedy that follows from
            // it; the layer's other findings folded below
            List<String> reasons = cellTexts("td.reason");
            for (String reason : reasons.subList(0, 3)) {
                assertThat(reason).startsWith("FAILING condition 2 (symmetry broken: units not identical)")
                        .contains("\ncause every weight of layer").contains("(W = 0)")
                        .contains("\nremedy initialize the weights with a random initializer")
                        .endsWith("\n4 more findings").doesNotContain("scale the weights down");
            }
            assertThat(reasons.get(3)).startsWith("FAILING all-zero gradient").contains("(W = 0)");
            // the folded findings are in the row, each once, and stay open across the page's re-renders
            ((JavascriptExecutor) driver).executeScript(
                    "document.querySelector('#verdicts tr:nth-child(2) details summary').click()");
            waitFor(dr -> cellTexts("#verdicts tr:nth-child(2) td.reason").get(0)
                    .contains("FAILING condition 2 (activations not zero): fraction of zero activations = 1.000"));
            int rendered = records();
            waitFor(dr -> records() > rendered + 2);
            assertThat(cellTexts("#verdicts tr:nth-child(2) details[open] .finding")).hasSize(4);
            // the iteration's headline (the diagnosed root cause) above the table, its row marked
            assertThat(cellTexts("#headline").get(0)).startsWith("Headline: layer 0 (DenseLayer, tanh) — FAILING "
                    + "condition 2 (symmetry broken").contains("\ncause every weight of layer 0");
            assertThat(cellTexts("#verdicts tr.root-cause td.name")).containsExactly("0");
            waitFor(dr -> points().get("SATURATED_FRACTION") > 20 && points().get("ZERO_FRACTION") > 20);
            assertThat(points().get("DEAD_UNITS")).isPositive();
            assertThat(driver.findElements(By.cssSelector("#charts .chart canvas"))).hasSize(6);
            // all-zero gradients cannot be drawn on a log scale: the chart says so instead of staying blank
            assertThat(driver.findElement(By.cssSelector(".chart[data-figure=GRADIENT_NORM] .empty")).getText())
                    .isEqualTo("Every value is 0 or not measured: nothing to draw on a log scale.");
            int records = records();
            waitFor(dr -> records() > records + 5); // live refresh while training goes on
            screenshot("zero-init-training.png");
        } finally {
            stop.set(true);
            training.join(10_000);
        }
        assertThat(failure.get()).isNull();
    }

    @Test
    @Order(3)
    void healthyHeReluRunShowsAllLayersHealthyAndTheDepthProfile() throws Exception {
        String session = "he-relu";
        MultiLayerNetwork net = TestNets.mlp(3, 32, Activation.RELU, new HeInit(), 6);
        net.setListeners(TestNets.listener(storage, session));
        DataSet d = TestNets.data(64, 6);
        for (int i = 0; i < 30; i++) {
            net.fit(d);
        }
        open(session);
        waitFor(dr -> records() == 30 && verdicts().size() == 4);
        assertThat(verdicts()).containsExactly("HEALTHY", "HEALTHY", "HEALTHY", "HEALTHY");
        waitFor(dr -> depthPoints() == 4);
        assertThat(driver.findElement(By.id("depth-shown")).getText())
                .isEqualTo("showing iteration 29 (verdict HEALTHY)");
        assertThat(points().get("GRADIENT_NORM")).isEqualTo(4 * 30);
        // the min…max band edges are drawn too (stride 1 here: equal to the means)
        assertThat(pointCounts("maxPoints").get("GRADIENT_NORM")).isEqualTo(4 * 30);
        assertThat(driver.findElements(By.cssSelector(".u-legend tr.envelope"))).allSatisfy(
                e -> assertThat(e.isDisplayed()).isFalse());
        screenshot("he-relu.png");
    }

    @Test
    @Order(4)
    void htmlInSessionAndLayerNamesIsShownAsText() throws Exception {
        String session = "<script>window.__pwned=1</script>&amp;\"";
        String vertex = "<img src=x onerror=\"window.__pwned=2\">";
        ComputationGraph g = TestNets.graph(vertex, XavierInit.uniform(), 7);
        g.setListeners(TestNets.listener(storage, session));
        DataSet d = TestNets.data(32, 7);
        MultiDataSet md = new org.nd4j.linalg.dataset.MultiDataSet(d.getFeatures(), d.getLabels());
        for (int i = 0; i < 5; i++) {
            g.fit(md);
        }
        open(session);
        waitFor(dr -> records() == 5 && verdicts().size() == 2 && depthPoints() > 0);
        assertThat(cellTexts("td.name")).containsExactly(vertex, "out");
        assertThat(driver.findElement(By.id("session")).getAttribute("value")).isEqualTo(session);
        // the names also reach the session select, the chart legends and the summary: text everywhere
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertThat((String) js.executeScript("return document.getElementById('session').selectedOptions[0].text"))
                .isEqualTo(session);
        assertThat(cellTexts(".chart[data-figure=ACTIVATION_STD] .u-legend tr.u-series:not(.envelope) .u-label"))
                .containsExactly("iteration", vertex + " · DenseLayer, tanh", "out · OutputLayer, softmax");
        // nothing parsed as HTML anywhere in the page: no img, no inline script, no event-handler attribute
        assertThat(js.executeScript("return document.querySelectorAll('img, script:not([src]), "
                + "[onerror], [onload]').length")).isEqualTo(0L);
        assertThat(js.executeScript("return Array.from(document.scripts).map(s => s.getAttribute('src'))"))
                .asList().allSatisfy(src -> assertThat((String) src).startsWith("/assets/"));
        // an injected onerror would fire asynchronously: watch window.__pwned for a second
        Object pwned = js.executeAsyncScript("var done = arguments[arguments.length - 1], t0 = Date.now();"
                + "(function check() { if (window.__pwned !== undefined) { done(String(window.__pwned)); }"
                + " else if (Date.now() - t0 > 1000) { done(null); } else { setTimeout(check, 50); } })();");
        assertThat(pwned).as("window.__pwned").isNull();
    }

    /**
     * Switching session while a poll of the old session is still in flight: the page delays the old session's
     * answers (a wrapped {@code fetch}) so one is certainly pending at the switch and arrives after it; the
     * charts must then hold exactly the new session's buckets. The new session has more records than the old
     * one at the switch, so a page that applied the stale answer would then receive the new session's buckets
     * incrementally after the old session's and keep the mixture (it did, before the generation check).
     */
    @Test
    @Order(5)
    void switchingSessionWhileTrainingRunsShowsOnlyTheNewSessionsData() throws Exception {
        String fresh = "switch-to";
        MultiLayerNetwork small = TestNets.mlp(1, 16, Activation.RELU, new HeInit(), 8);
        small.setListeners(TestNets.listener(storage, fresh));
        DataSet d8 = TestNets.data(64, 8);
        for (int i = 0; i < 200; i++) {
            small.fit(d8);
        }
        String live = "switch-from";
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        MultiLayerNetwork net = TestNets.mlp(3, 32, Activation.TANH, new ZeroInit(), 9);
        net.setListeners(TestNets.listener(storage, live));
        DataSet d = TestNets.data(64, 9);
        Thread training = new Thread(() -> {
            try {
                while (!stop.get()) {
                    net.fit(d);
                    Thread.sleep(20);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "switch-training");
        training.start();
        JavascriptExecutor js = (JavascriptExecutor) driver;
        try {
            open(live);
            waitFor(dr -> records() > 3 && verdicts().size() == 4);
            js.executeScript("var real = window.fetch; window.__slow = { pending: 0, delivered: 0, after: 0 };"
                    + "window.fetch = function (url, opts) {"
                    + "  var u = String(url), p = real(url, opts);"
                    + "  if (u.indexOf('session=" + live + "') >= 0) {"
                    + "    window.__slow.pending++;"
                    + "    return p.then(function (r) { return new Promise(function (ok) { setTimeout(function () {"
                    + "      window.__slow.pending--; window.__slow.delivered++; ok(r); }, 1500); }); });"
                    + "  }"
                    + "  if (u.indexOf('/health/data') >= 0 && window.__slow.delivered > 0) {"
                    + "    return p.then(function (r) { window.__slow.after++; return r; });"
                    + "  }"
                    + "  return p;"
                    + "};");
            waitFor(dr -> ((Number) js.executeScript("return window.__slow.pending")).intValue() > 0);
            choose("session", fresh);
            // the delayed answers of the old session arrive, then the page polls the new one twice more
            waitFor(dr -> ((Number) js.executeScript("return window.__slow.after")).intValue() >= 2);
        } finally {
            stop.set(true);
            training.join(10_000);
        }
        assertThat(failure.get()).isNull();
        waitFor(dr -> records() == 200);
        assertThat(verdicts()).hasSize(2);
        Map<String, Object> expected = json(httpGet("/health/data?session=" + fresh));
        @SuppressWarnings("unchecked")
        Map<String, Object> buckets = (Map<String, Object>) expected.get("buckets");
        @SuppressWarnings("unchecked")
        List<List<Object>> zero = ((Map<String, Map<String, List<List<Object>>>>) buckets.get("series"))
                .get("ZERO_FRACTION").get("mean");
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) js.executeScript(
                "return window.gradientHealth.shown('ZERO_FRACTION')");
        assertThat(shown.get("session")).isEqualTo(fresh);
        assertThat(numbers(shown.get("x"))).isEqualTo(numbers(buckets.get("x")));
        @SuppressWarnings("unchecked")
        List<Object> means = (List<Object>) shown.get("mean");
        assertThat(means).hasSize(zero.size());
        for (int l = 0; l < zero.size(); l++) {
            assertThat(numbers(means.get(l))).as("layer %d", l).isEqualTo(numbers(zero.get(l)));
        }
        assertThat(driver.findElement(By.id("summary")).getText()).startsWith("200 records, latest iteration 199");
    }

    /**
     * 1,100 records (downsampled to stride 4): a one-record gradient-norm spike stays visible as the band's
     * maximum, and a record with NaN activations is marked red with a note naming the layer.
     */
    @Test
    @Order(6)
    void downsampledRunShowsASpikeInTheMinMaxBandAndMarksDivergedRecords() throws Exception {
        String session = "spike-and-nan";
        InMemoryStatsStorage synthetic = Records.storage(session, 1100, i -> i == 701
                ? new Object[] {0, Figure.GRADIENT_NORM, 50f}
                : i == 900 ? new Object[] {0, Figure.GRADIENT_NORM, 1f, 1, Figure.ACTIVATION_STD, Float.NaN,
                        1, Figure.NON_FINITE_ACTIVATIONS, 1f}
                : new Object[] {0, Figure.GRADIENT_NORM, 1f + 0.1f * (float) Math.sin(i / 40.0)});
        server.attach(synthetic);
        try {
            open(session);
            waitFor(dr -> records() == 1100 && points().get("GRADIENT_NORM") > 0);
            JavascriptExecutor js = (JavascriptExecutor) driver;
            // bucket 175 covers iterations 700-703: its maximum is the spike, its mean a quarter of it
            assertThat(((Number) js.executeScript("return window.gradientHealth.largest('GRADIENT_NORM', 0, 'max')"))
                    .doubleValue()).isEqualTo(50.0);
            assertThat(((Number) js.executeScript("return window.gradientHealth.largest('GRADIENT_NORM', 0, 'mean')"))
                    .doubleValue()).isLessThan(14.0);
            @SuppressWarnings("unchecked")
            Map<String, List<Long>> marked = (Map<String, List<Long>>) js.executeScript(
                    "return window.gradientHealth.nonFinite()");
            assertThat(marked.get("ACTIVATION_STD")).containsExactly(225L);
            assertThat(marked.get("GRADIENT_NORM")).isEmpty();
            assertThat(driver.findElement(By.cssSelector(".chart[data-figure=ACTIVATION_STD] .nonfinite")).getText())
                    .isEqualTo("NaN/Inf (red bands): 1 · DenseLayer, relu in 1 record");
            assertThat(driver.findElement(By.id("downsampling")).getText())
                    .isEqualTo("(275 points, 4 records each: line = mean per bucket, shaded = min…max)");
            screenshot("spike-and-nan.png");
        } finally {
            server.detach(synthetic);
        }
    }

    @Test
    @Order(7)
    void unknownSessionShowsAFriendlyMessage() {
        open("no-such-session");
        waitFor(d -> status().startsWith("No session"));
        assertThat(status()).isEqualTo("No session \"no-such-session\" in the attached storages (yet).");
        assertThat(cellTexts("#session option:checked")).containsExactly("no-such-session — not found");
    }

    @Test
    @Order(8)
    void fileStatsStorageWrittenByAnotherJvmShowsTheSamePageWhenReopened(@TempDir Path dir) throws Exception {
        File file = dir.resolve("health.dl4j").toFile();
        String session = "post-hoc";
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                FileStorageWriterMain.class.getName(), file.getAbsolutePath(), session, "20")
                .redirectErrorStream(true).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                out.add(line);
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("writer output").contains("RECORDS 20", "DONE");
        List<String> expected = out.stream().filter(l -> l.startsWith("LAYER ")).map(l -> l.split(" ")[2])
                .collect(Collectors.toList());
        assertThat(expected).hasSize(4);

        FileStatsStorage reopened = new FileStatsStorage(file);
        server.attach(reopened);
        try {
            open(session);
            waitFor(dr -> records() == 20 && verdicts().size() == 4);
            assertThat(verdicts()).isEqualTo(expected).containsOnly("FAILING");
            waitFor(dr -> points().get("ZERO_FRACTION") == 3 * 20);
            screenshot("post-hoc.png");
        } finally {
            server.detach(reopened);
            reopened.close();
        }
    }

    /**
     * Update ratios near 1e-5 on a log-scale chart: the tick labels uPlot draws on the canvas (recorded from
     * {@code fillText}, read once the chart redraws) are numbers such as "1e-5", never "0" (uPlot's default
     * formatter rounds to three decimals); the legend names each layer as everywhere ("0 · DenseLayer, relu") and,
     * under the cursor, shows the value as a number too.
     */
    @Test
    @Order(9)
    void logScaleAxisLabelsSmallValuesAsNumbersAndLegendsNameTheLayers() throws Exception {
        String session = "update-ratio-1e-5";
        InMemoryStatsStorage synthetic = Records.storage(session, 40, i -> {
            float r = (float) (1e-5 * (1 + 0.5 * Math.sin(i / 5.0)));
            return new Object[] {0, Figure.UPDATE_RATIO, r, 1, Figure.UPDATE_RATIO, 0.8f * r,
                    2, Figure.UPDATE_RATIO, 1.2f * r};
        });
        server.attach(synthetic);
        try {
            open(session);
            waitFor(dr -> records() == 40 && points().get("UPDATE_RATIO") == 3 * 40);
            JavascriptExecutor js = (JavascriptExecutor) driver;
            js.executeScript("var P = CanvasRenderingContext2D.prototype;"
                    + "if (!P.__realFillText) { P.__realFillText = P.fillText;"
                    + "  P.fillText = function (t) { var box = this.canvas.closest('.chart');"
                    + "    if (box && window.__drawn) { var k = box.dataset.figure;"
                    + "      (window.__drawn[k] = window.__drawn[k] || [])"
                    + "        .push({ text: String(t), align: this.textAlign });"
                    + "    } return P.__realFillText.apply(this, arguments); }; }"
                    + "window.__drawn = {};");
            // the left (y) axis's tick labels are drawn right-aligned; the x axis's centred
            waitFor(dr -> !yTickLabels("UPDATE_RATIO").isEmpty());
            List<String> ticks = yTickLabels("UPDATE_RATIO");
            assertThat(ticks).contains("1e-5").doesNotContain("0");
            assertThat(ticks).allSatisfy(t -> assertThat(Double.parseDouble(t)).isPositive().isLessThan(1e-3));
            assertThat(cellTexts(".chart[data-figure=UPDATE_RATIO] .u-legend tr.u-series:not(.envelope) .u-label"))
                    .containsExactly("iteration", "0 · DenseLayer, relu", "1 · DenseLayer, relu",
                            "2 · OutputLayer, softmax");
            WebElement over = driver.findElement(By.cssSelector(".chart[data-figure=UPDATE_RATIO] .u-over"));
            new Actions(driver).moveToElement(over).perform();
            waitFor(dr -> !legendValues("UPDATE_RATIO").get(1).equals("--"));
            List<String> values = legendValues("UPDATE_RATIO");
            assertThat(values.get(0)).matches("\\d+");
            for (String v : values.subList(1, 4)) {
                assertThat(Double.parseDouble(v)).isBetween(3e-6, 3e-5);
            }
            screenshot("log-axis-1e-5.png");
        } finally {
            server.detach(synthetic);
        }
    }

    /**
     * The session select marks sessions whose latest record is FAILING, and leaves out a session holding only
     * DL4J's StatsListener records (counted beside the select); opened by a link, that session gets a message
     * saying so.
     */
    @Test
    @Order(10)
    void sessionListMarksFailingSessionsAndLeavesOutSessionsWithoutHealthRecords() throws Exception {
        HealthIndexTest.statsListenerOnly(storage, "stats-only");
        open("he-relu");
        waitFor(dr -> records() == 30 && sessionOptions().containsKey("zero-init-live"));
        Map<String, String> options = sessionOptions();
        assertThat(options).containsEntry("zero-init-live", "zero-init-live — FAILING")
                .containsEntry("switch-from", "switch-from — FAILING")
                .containsEntry("he-relu", "he-relu").doesNotContainKey("stats-only");
        assertThat(driver.findElement(By.id("other-sessions")).getText())
                .isEqualTo("+1 session without gradient-health records (not listed)");
        screenshot("session-markers.png");

        open("stats-only");
        waitFor(dr -> status().startsWith("Session"));
        assertThat(status()).isEqualTo("Session \"stats-only\" holds no gradient-health records (only other "
                + "records, such as StatsListener's): record them with HealthConfig.builder().subscribe("
                + "HealthRecorder.to(storage)).");
        waitFor(dr -> "stats-only — no gradient-health records".equals(sessionOptions().get("stats-only")));
    }

    /**
     * {@code ?session=S&worker=W} opens that worker of that session; choosing another worker shows it and puts
     * it into the address bar; an unknown worker gets a message naming the session's workers.
     */
    @Test
    @Order(11)
    void deepLinkOpensTheSessionAndWorkerAndSwitchingUpdatesTheAddress() throws Exception {
        String session = "two-workers";
        MultiLayerNetwork small = TestNets.mlp(1, 16, Activation.RELU, new HeInit(), 11);
        GradientHealthListener a = TestNets.listener(storage, session);
        a.setWorkerID("a");
        small.setListeners(a);
        MultiLayerNetwork zero = TestNets.mlp(3, 16, Activation.TANH, new ZeroInit(), 12);
        GradientHealthListener b = TestNets.listener(storage, session);
        b.setWorkerID("b");
        zero.setListeners(b);
        DataSet d = TestNets.data(32, 11);
        for (int i = 0; i < 6; i++) {
            small.fit(d);
        }
        for (int i = 0; i < 4; i++) {
            zero.fit(d);
        }
        driver.get(base + "/health?session=" + session + "&worker=b");
        waitFor(dr -> records() == 4 && verdicts().size() == 4);
        assertThat(verdicts()).containsOnly("FAILING");
        assertThat(driver.findElement(By.id("session")).getAttribute("value")).isEqualTo(session);
        assertThat(driver.findElement(By.id("worker")).getAttribute("value")).isEqualTo("b");
        // the workers' verdicts come with the session list, refreshed every 3 s
        waitFor(dr -> cellTexts("#worker option").equals(List.of("a", "b — FAILING")));
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) ((JavascriptExecutor) driver)
                .executeScript("return window.gradientHealth.shown('ZERO_FRACTION')");
        assertThat(shown).containsEntry("session", session).containsEntry("worker", "b");
        screenshot("deep-link-worker-b.png");

        choose("worker", "a");
        waitFor(dr -> records() == 6 && verdicts().size() == 2);
        assertThat(verdicts()).containsOnly("HEALTHY");
        assertThat(driver.getCurrentUrl()).isEqualTo(base + "/health?session=" + session + "&worker=a");

        driver.get(base + "/health?session=" + session + "&worker=zzz");
        waitFor(dr -> status().startsWith("No gradient-health records from worker"));
        assertThat(status()).isEqualTo("No gradient-health records from worker \"zzz\" in session \"" + session
                + "\" (yet); its workers: a, b.");
        waitFor(dr -> cellTexts("#worker option").equals(List.of("a", "b — FAILING", "zzz — not found")));
        assertThat(driver.findElement(By.id("worker")).getAttribute("value")).isEqualTo("zzz");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static void open(String session) {
        driver.get(base + "/health?session=" + URLEncoder.encode(session, StandardCharsets.UTF_8));
    }

    private static void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        // the page re-renders its table every second: an element found before a re-render is stale after it
        new WebDriverWait(driver, WAIT).pollingEvery(Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** The tick labels drawn right-aligned (the y axis's) on a chart's canvas since the recorder was reset. */
    @SuppressWarnings("unchecked")
    private static List<String> yTickLabels(String figure) {
        List<Object> texts = (List<Object>) ((JavascriptExecutor) driver).executeScript(
                "return ((window.__drawn || {})[arguments[0]] || []).filter(d => d.align === 'right')"
                        + ".map(d => d.text);", figure);
        return texts.stream().map(String::valueOf).distinct().collect(Collectors.toList());
    }

    /** The legend's values of a chart's x series and layer means (envelope rows left out), read in one call. */
    private static List<String> legendValues(String figure) {
        return cellTexts(".chart[data-figure=" + figure + "] .u-legend tr.u-series:not(.envelope) .u-value");
    }

    /** Chooses an option as a user would (the select's change event), in one script call. */
    private static void choose(String selectId, String value) {
        ((JavascriptExecutor) driver).executeScript("var s = document.getElementById(arguments[0]);"
                + "s.value = arguments[1]; s.dispatchEvent(new Event('change'));", selectId, value);
    }

    /** Session select: option value to its text, read in one script call. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> sessionOptions() {
        return (Map<String, String>) ((JavascriptExecutor) driver).executeScript(
                "return Object.fromEntries(Array.from(document.getElementById('session').options)"
                        + ".map(o => [o.value, o.textContent]));");
    }

    private static String status() {
        return driver.findElement(By.id("status")).getText();
    }

    private static List<String> verdicts() {
        return cellTexts("#verdicts td.verdict");
    }

    /** The rendered texts of the matching elements, read in one script call (the page re-renders as it polls). */
    @SuppressWarnings("unchecked")
    private static List<String> cellTexts(String css) {
        List<Object> texts = (List<Object>) ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText.trim());", css);
        return texts.stream().map(String::valueOf).collect(Collectors.toList());
    }

    private static int records() {
        String summary = driver.findElement(By.id("summary")).getText();
        return summary.matches("^\\d+ records.*") ? Integer.parseInt(summary.substring(0, summary.indexOf(' '))) : -1;
    }

    private static Map<String, Long> points() {
        return pointCounts("points");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> pointCounts(String function) {
        return (Map<String, Long>) ((JavascriptExecutor) driver)
                .executeScript("return window.gradientHealth." + function + "()");
    }

    /** Numbers as doubles (Selenium gives whole numbers as Long), nulls kept. */
    private static List<Double> numbers(Object list) {
        List<Double> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(o == null ? null : ((Number) o).doubleValue());
        }
        return out;
    }

    private static String httpGet(String path) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) throws Exception {
        return new ObjectMapper().readValue(body, Map.class);
    }

    private static long depthPoints() {
        return (Long) ((JavascriptExecutor) driver).executeScript("return window.gradientHealth.depthPoints()");
    }

    private static void screenshot(String name) throws Exception {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
