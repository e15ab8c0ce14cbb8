package org.dl4jinit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.health.Figure;
import org.dl4jinit.init.HeInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Starts DL4J's own UI server (which finds the module through the service loader) on an ephemeral port and
 * requests the module's routes over loopback. DL4J M2.1 always listens on all interfaces (0.0.0.0): the port is
 * 0 so the OS picks a free one, and the test connects to 127.0.0.1.
 */
@Timeout(30)
class GradientHealthModuleServerTest {

    private static final String SESSION = "session-<b>\"1\"&amp;";

    private static VertxUIServer server;
    private static InMemoryStatsStorage storage;
    private static HttpClient client;
    private static String base;

    @BeforeAll
    static void startServer() {
        storage = new InMemoryStatsStorage();
        storage.putStaticInfo(GradientHealthModuleTest.staticInfo(SESSION, "OtherType"));
        server = VertxUIServer.getInstance(0, false, null);
        server.attach(storage);
        base = "http://127.0.0.1:" + server.getPort();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.detach(storage);
            VertxUIServer.stopInstance();
        }
    }

    @Test
    void healthServesTheStaticPage() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(r.body())
                .contains("<title>Gradient Health</title>")
                .contains("<link rel=\"icon\" href=\"data:,\">")
                .contains("No gradient-health records yet — attach a GradientHealthListener")
                .doesNotContain("https://", "http://");
    }

    @Test
    void sessionsListsTheAttachedStoragesSessionsAsJson() throws Exception {
        HttpResponse<String> r = get("/health/sessions");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        assertThat(r.body()).isEqualTo("{\"typeId\":\"GradientHealth\",\"sessions\":[{\"sessionId\":"
                + "\"session-<b>\\\"1\\\"&amp;\",\"hasHealthRecords\":false,\"verdict\":null,\"workers\":[]}]}");
    }

    @Test
    void dataForAnUnknownSessionIsAFriendlyMessageNotAnError() throws Exception {
        HttpResponse<String> r = get("/health/data?session=nope");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"found\":false,\"message\":"
                + "\"No session \\\"nope\\\" in the attached storages (yet).\"}");
        assertThat(get("/health/depth").body()).startsWith("{\"found\":false,\"message\":\"No session selected.");
    }

    @Test
    void malformedNumbersAreBadRequestsNamingParameterValueAndRule() throws Exception {
        HttpResponse<String> r = get("/health/data?session=s&from=-3");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"from must be an integer >= 0, was \\\"-3\\\"\"}");
        assertThat(get("/health/depth?session=s&iteration=x").body())
                .isEqualTo("{\"error\":\"iteration must be an integer >= 0, was \\\"x\\\"\"}");
    }

    @Test
    void scriptStyleAndChartLibraryAreServedByTheAssetsRouteFromTheClasspath() throws Exception {
        HttpResponse<String> js = get("/assets/dl4jinit/health.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.body()).contains("window.gradientHealth");
        assertThat(get("/assets/dl4jinit/health.css").statusCode()).isEqualTo(200);
    }

    @Test
    void thePageReferencesTheUplotVersionOnTheClasspathAndThoseAssetsAnswer() throws Exception {
        // the version of the webjar Maven put on the classpath (the pom's uplot.version)
        Properties webjar = new Properties();
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            webjar.load(in);
        }
        String dir = "/assets/webjars/uplot/" + webjar.getProperty("version") + "/dist/";
        String page = get("/health").body();
        assertThat(page).contains("<script src=\"" + dir + "uPlot.iife.min.js\"></script>")
                .contains("<link rel=\"stylesheet\" href=\"" + dir + "uPlot.min.css\">").doesNotContain("${");
        HttpResponse<String> uplot = get(dir + "uPlot.iife.min.js");
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.body()).contains("uPlot");
        assertThat(get(dir + "uPlot.min.css").statusCode()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    @Test
    void dataCarriesAOneRecordSpikeInTheBucketMaximumAfterDownsampling() throws Exception {
        // 1,100 records (stride 4 once 1,024 are exceeded): gradient norm 1 everywhere but 1000 at iteration 701
        InMemoryStatsStorage spiky = Records.storage("spiky", 1100, i -> i == 701
                ? new Object[] {0, Figure.GRADIENT_NORM, 1000f} : new Object[] {0, Figure.GRADIENT_NORM, 1f});
        server.attach(spiky);
        try {
            Map<String, Object> buckets = (Map<String, Object>) json(get("/health/data?session=spiky").body())
                    .get("buckets");
            assertThat(buckets.get("stride")).isEqualTo(4);
            int b = ((List<Integer>) buckets.get("x")).indexOf(700);
            assertThat(((List<Integer>) buckets.get("xLast")).get(b)).isEqualTo(703);
            Map<String, List<List<Double>>> norm =
                    ((Map<String, Map<String, List<List<Double>>>>) buckets.get("series")).get("GRADIENT_NORM");
            assertThat(norm.get("max").get(0)).containsOnly(1.0, 1000.0).filteredOn(v -> v == 1000.0).hasSize(1);
            assertThat(norm.get("max").get(0).get(b)).isEqualTo(1000.0);
            assertThat(norm.get("min").get(0).get(b)).isEqualTo(1.0);
            assertThat(norm.get("mean").get(0).get(b)).isEqualTo((1000.0 + 3) / 4);
        } finally {
            server.detach(spiky);
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void dataCountsDivergedValuesPerBucketInsteadOfDroppingThem() throws Exception {
        // record 1: NaN activations in layer 0 (std NaN, flagged) and an infinite gradient norm in layer 1
        InMemoryStatsStorage diverged = Records.storage("diverged", 3, i -> i == 1
                ? new Object[] {0, Figure.ACTIVATION_STD, Float.NaN, 0, Figure.NON_FINITE_ACTIVATIONS, 1f,
                        1, Figure.GRADIENT_NORM, Float.POSITIVE_INFINITY}
                : new Object[0]);
        server.attach(diverged);
        try {
            Map<String, Map<String, List<List<Object>>>> series = (Map<String, Map<String, List<List<Object>>>>)
                    ((Map<String, Object>) json(get("/health/data?session=diverged").body()).get("buckets"))
                            .get("series");
            assertThat(series.get("ACTIVATION_STD").get("nonFinite"))
                    .containsExactly(List.of(0, 1, 0), null, null);
            assertThat(series.get("ACTIVATION_STD").get("mean").get(0).get(1)).isNull();
            assertThat(series.get("GRADIENT_NORM").get("nonFinite")).containsExactly(null, List.of(0, 1, 0), null);
            // the output layer's saturation is not measured (NaN, not flagged): missing, not diverged
            assertThat(series.get("SATURATED_FRACTION").get("nonFinite")).containsOnlyNulls();
        } finally {
            server.detach(diverged);
        }
    }

    @Test
    void latestDepthComesFromMemoryAndAStorageFailureIsAJson500() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        InMemoryStatsStorage failing = new InMemoryStatsStorage() {
            @Override
            public Persistable getUpdate(String sessionId, String typeId, String workerId, long timestamp) {
                reads.incrementAndGet();
                throw new IllegalStateException("disk gone");
            }
        };
        HealthIndexTest.train(TestNets.mlp(2, 8, Activation.RELU, new HeInit(), 3), failing, "failing-disk", 4);
        server.attach(failing);
        try {
            HttpResponse<String> latest = get("/health/depth?session=failing-disk");
            assertThat(latest.statusCode()).isEqualTo(200);
            assertThat(latest.body()).contains("\"iteration\":3,");
            assertThat(reads).hasValue(0);
            HttpResponse<String> earlier = get("/health/depth?session=failing-disk&iteration=1");
            assertThat(earlier.statusCode()).isEqualTo(500);
            assertThat(earlier.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
            assertThat(earlier.body()).isEqualTo("{\"error\":\"could not answer /health/depth: "
                    + "java.lang.IllegalStateException: disk gone\"}");
            assertThat(reads).hasValue(1);
        } finally {
            server.detach(failing);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) throws Exception {
        return new ObjectMapper().readValue(body, Map.class);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET()
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
