package org.dl4jinit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
                + "\"session-<b>\\\"1\\\"&amp;\",\"hasHealthRecords\":false,\"workers\":[]}]}");
    }

    @Test
    void dataForAnUnknownSessionIsAFriendlyMessageNotAnError() throws Exception {
        HttpResponse<String> r = get("/health/data?session=nope");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"found\":false,\"message\":"
                + "\"No gradient-health records for session \\\"nope\\\" (yet).\"}");
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
        HttpResponse<String> uplot = get("/assets/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.body()).contains("uPlot");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET()
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
