package org.dl4jinit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.storage.HealthRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The code of docs/ui.md compiles against today's API and does what the page says: its one {@code java} block is,
 * line for line, the code between the {@code docs/ui.md} markers in this file, which runs here on a small network.
 */
@Timeout(120)
class UiDocSnippetTest {

    private static final Path DOC = Path.of("..", "docs", "ui.md");
    private static final Path THIS_SOURCE = Path.of("src", "test", "java", "org", "dl4jinit", "ui",
            "UiDocSnippetTest.java");

    @Test
    void theJavaBlockOfTheDocIsTheSnippetOfThisTest() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf("```java\n") + "```java\n".length();
        int end = doc.indexOf("```", start);
        assertThat(doc.indexOf("```java", end)).as("docs/ui.md has one java block").isNegative();
        String source = Files.readString(THIS_SOURCE, StandardCharsets.UTF_8);
        String begin = "// docs/ui.md\n";
        int from = source.indexOf(begin) + begin.length();
        String snippet = source.substring(from, source.indexOf("// docs/ui.md: end", from));
        assertThat(normalized(doc.substring(start, end))).isEqualTo(normalized(snippet));
    }

    @SuppressWarnings("unchecked")
    @Test
    void snippetShowsTheHealthSessionAndCountsTheStatsListenerSessionApart() throws Exception {
        MultiLayerNetwork net = TestNets.mlp(2, 16, Activation.RELU, new HeInit(), 21);
        DataSetIterator trainIter = new ViewIterator(TestNets.data(64, 21), 16);
        System.setProperty("org.deeplearning4j.ui.port", "0"); // any free port instead of 9000
        try {
            // docs/ui.md
            InMemoryStatsStorage storage = new InMemoryStatsStorage(); // or new FileStatsStorage(file)
            UIServer.getInstance().attach(storage);                    // port 9000 (-Dorg.deeplearning4j.ui.port=N)
            GradientHealthListener health = new GradientHealthListener(HealthConfig.builder()
                    .subscribe(HealthRecorder.to(storage))             // health records into the storage
                    .build());
            net.setListeners(health, new StatsListener(storage, 10));  // StatsListener optional: DL4J's own pages
            net.fit(trainIter);
            // open http://localhost:9000/health
            // docs/ui.md: end

            // the UI server indexes new records from storage events about every 500 ms: wait for all four
            String url = "http://127.0.0.1:" + UIServer.getInstance().getPort() + "/health/sessions";
            Map<String, Object> healthSession = null;
            List<Map<String, Object>> sessions = List.of();
            for (long end = System.nanoTime() + 30_000_000_000L; System.nanoTime() < end; Thread.sleep(100)) {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .build(), HttpResponse.BodyHandlers.ofString());
                sessions = (List<Map<String, Object>>) new ObjectMapper().readValue(r.body(), Map.class)
                        .get("sessions");
                healthSession = sessions.stream().filter(x -> (Boolean) x.get("hasHealthRecords")).findFirst()
                        .orElse(null);
                List<Map<String, Object>> workers = healthSession == null ? List.of()
                        : (List<Map<String, Object>>) healthSession.get("workers");
                if (workers.size() == 1 && Integer.valueOf(4).equals(workers.get(0).get("records"))) {
                    break;
                }
            }
            // one session with the health records, and the StatsListener's without them
            assertThat(sessions).extracting(x -> x.get("hasHealthRecords")).containsExactlyInAnyOrder(true, false);
            assertThat(healthSession).containsEntry("verdict", "HEALTHY");
            assertThat((List<Map<String, Object>>) healthSession.get("workers")).singleElement()
                    .satisfies(w -> assertThat(w.get("records")).isEqualTo(4));
        } finally {
            System.clearProperty("org.deeplearning4j.ui.port");
            VertxUIServer.stopInstance();
        }
    }

    private static String normalized(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
