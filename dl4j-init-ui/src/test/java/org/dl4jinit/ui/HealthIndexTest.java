package org.dl4jinit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

/** The module's index and JSON bodies over records written by the real listener, without a server. */
class HealthIndexTest {

    @SuppressWarnings("unchecked")
    @Test
    void zeroInitLayersAreFailingWithReasonsAndHeReluLayersHealthy() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        train(TestNets.mlp(3, 32, Activation.TANH, new ZeroInit(), 1), storage, "zero", 12);
        train(TestNets.mlp(3, 32, Activation.RELU, new HeInit(), 1), storage, "he", 12);
        GradientHealthModule m = new GradientHealthModule();
        m.onAttach(storage);

        Map<String, Object> zero = m.dataBody("zero", null, 0, 0, 0);
        assertThat(zero.get("found")).isEqualTo(true);
        assertThat(zero.get("records")).isEqualTo(12);
        List<Map<String, Object>> layers = (List<Map<String, Object>>) zero.get("layers");
        assertThat(layers).hasSize(4);
        assertThat(layers.get(1).get("verdict")).isEqualTo("FAILING");
        // the row's headline finding travels as fields of the report's Violation, not as a message
        Map<String, Object> headline = (Map<String, Object>) layers.get(1).get("headline");
        assertThat(headline).containsEntry("layer", 1).containsEntry("verdict", "FAILING")
                .containsEntry("condition", "SYMMETRY").containsEntry("cause", "ZERO_WEIGHTS")
                .containsEntry("where", "layer 1 (DenseLayer, tanh)");
        assertThat((String) headline.get("explanation")).contains("(W = 0)");
        assertThat((String) headline.get("remedy")).contains("random initializer")
                .doesNotContain("scale the weights down");
        List<Map<String, Object>> others = (List<Map<String, Object>>) layers.get(1).get("findings");
        assertThat(others).isNotEmpty().extracting(f -> f.get("condition")).doesNotContain("SYMMETRY");
        assertThat(layers.get(0).get("rootCause")).isEqualTo(true);
        assertThat(layers.get(1).get("rootCause")).isEqualTo(false);
        assertThat((Map<String, Object>) ((Map<String, Object>) zero.get("latest")).get("headline"))
                .containsEntry("layer", 0).containsEntry("cause", "ZERO_WEIGHTS");

        Map<String, Object> he = m.dataBody("he", null, 0, 0, 0);
        assertThat((List<Map<String, Object>>) he.get("layers")).extracting(l -> l.get("verdict"))
                .containsOnly("HEALTHY");
    }

    @SuppressWarnings("unchecked")
    @Test
    void recordsArrivingAfterAttachAreIndexedFromStorageEventsAndServedIncrementally() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        List<StatsStorageEvent> events = new ArrayList<>();
        storage.registerStatsStorageListener(events::add);
        GradientHealthModule m = new GradientHealthModule();
        m.onAttach(storage);
        MultiLayerNetwork net = TestNets.mlp(2, 16, Activation.RELU, new HeInit(), 2);
        train(net, storage, "live", 3);
        assertThat(m.indexedRecords("live", null)).isZero();
        m.reportStorageEvents(new ArrayList<>(events));
        assertThat(m.indexedRecords("live", "0")).isEqualTo(3);
        m.reportStorageEvents(new ArrayList<>(events)); // the same events again: nothing new
        assertThat(m.indexedRecords("live", "0")).isEqualTo(3);

        Map<String, Object> full = json(m.dataBody("live", "0", 0, 0, 0));
        Map<String, Object> buckets = (Map<String, Object>) full.get("buckets");
        assertThat(buckets.get("stride")).isEqualTo(1);
        assertThat((List<Integer>) buckets.get("x")).containsExactly(0, 1, 2);
        Map<String, Map<String, List<List<Float>>>> series =
                (Map<String, Map<String, List<List<Float>>>>) buckets.get("series");
        assertThat(series.keySet()).containsExactly("SATURATED_FRACTION", "ZERO_FRACTION", "DEAD_UNITS",
                "ACTIVATION_STD", "GRADIENT_NORM", "UPDATE_RATIO");
        assertThat(series.get("GRADIENT_NORM").get("mean")).hasSize(3)
                .allSatisfy(l -> assertThat(l).hasSize(3).doesNotContainNull());
        // the output layer's activations are not measured (NaN in the record): null in JSON, which has no NaN
        assertThat(series.get("SATURATED_FRACTION").get("max").get(2)).containsOnlyNulls();

        events.clear();
        train(net, storage, "live", 2);
        m.reportStorageEvents(new ArrayList<>(events));
        Map<String, Object> tail = (Map<String, Object>) m.dataBody("live", "0", 2, 1, 0).get("buckets");
        assertThat(tail.get("from")).isEqualTo(2);
        assertThat((List<Integer>) tail.get("x")).containsExactly(2, 3, 4);
        Map<String, Object> changedStride = (Map<String, Object>) m.dataBody("live", "0", 2, 8, 0).get("buckets");
        assertThat(changedStride.get("from")).isEqualTo(0);
        assertThat((List<Integer>) changedStride.get("x")).containsExactly(0, 1, 2, 3, 4);
    }

    @SuppressWarnings("unchecked")
    @Test
    void depthProfileIsTheLastRecordAtOrBeforeTheIteration() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        train(TestNets.mlp(2, 16, Activation.RELU, new HeInit(), 4), storage, "depth", 6);
        GradientHealthModule m = new GradientHealthModule();
        m.onAttach(storage);
        assertThat(m.depthBody("depth", null, 3).get("iteration")).isEqualTo(3);
        assertThat(m.depthBody("depth", null, 100).get("iteration")).isEqualTo(5);
        assertThat(m.depthBody("depth", null, -1).get("iteration")).isEqualTo(5);
        List<Map<String, Object>> layers = (List<Map<String, Object>>) m.depthBody("depth", null, 0).get("layers");
        assertThat(layers).extracting(l -> l.get("index")).containsExactly(0, 1, 2);
        assertThat(layers).allSatisfy(l -> assertThat((Double) l.get("gradientNorm")).isPositive());
        assertThat(m.depthBody("depth", "no-such-worker", 0)).containsEntry("found", false)
                .containsEntry("message", "No gradient-health records from worker \"no-such-worker\" in session "
                        + "\"depth\" (yet); its workers: 0.");
    }

    @SuppressWarnings("unchecked")
    @Test
    void sessionsCarryEachWorkersLatestVerdictAndTheWorstPerSession() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        train(TestNets.mlp(2, 16, Activation.TANH, new ZeroInit(), 1), storage, "verdict-zero", 3);
        train(TestNets.mlp(2, 16, Activation.RELU, new HeInit(), 1), storage, "verdict-he", 3);
        statsListenerOnly(storage, "verdict-stats");
        GradientHealthModule m = new GradientHealthModule();
        m.onAttach(storage);
        Map<String, Map<String, Object>> sessions = new java.util.TreeMap<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) m.sessionsBody().get("sessions")) {
            sessions.put((String) s.get("sessionId"), s);
        }
        assertThat(sessions).containsOnlyKeys("verdict-zero", "verdict-he", "verdict-stats");
        assertThat(sessions.get("verdict-zero")).containsEntry("hasHealthRecords", true)
                .containsEntry("verdict", "FAILING");
        assertThat((List<Map<String, Object>>) sessions.get("verdict-zero").get("workers"))
                .containsExactly(Map.of("workerId", "0", "records", 3, "verdict", "FAILING"));
        assertThat(sessions.get("verdict-he")).containsEntry("verdict", "HEALTHY");
        assertThat(sessions.get("verdict-stats")).containsEntry("hasHealthRecords", false)
                .containsEntry("verdict", null).containsEntry("workers", List.of());
    }

    @Test
    void unknownSessionsAndWorkersAreAnsweredWithWhatTheStoragesHoldInstead() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        train(TestNets.mlp(1, 8, Activation.RELU, new HeInit(), 4), storage, "health", 2);
        statsListenerOnly(storage, "stats-only");
        GradientHealthModule m = new GradientHealthModule();
        m.onAttach(storage);
        assertThat(m.dataBody("nope", null, 0, 0, 0)).containsEntry("found", false)
                .containsEntry("message", "No session \"nope\" in the attached storages (yet).")
                .doesNotContainKey("workers");
        assertThat(m.dataBody("stats-only", null, 0, 0, 0)).containsEntry("message",
                "Session \"stats-only\" holds no gradient-health records (only other records, such as "
                        + "StatsListener's): record them with HealthConfig.builder().subscribe("
                        + "HealthRecorder.to(storage)).");
        assertThat(m.dataBody("health", "7", 0, 0, 0)).containsEntry("found", false)
                .containsEntry("message", "No gradient-health records from worker \"7\" in session \"health\" "
                        + "(yet); its workers: 0.")
                .containsEntry("workers", List.of("0"));
        assertThat(m.dataBody("health", "0", 0, 0, 0)).containsEntry("found", true);
    }

    /** A session in the storage holding only DL4J's own StatsListener records. */
    static void statsListenerOnly(InMemoryStatsStorage storage, String session) {
        MultiLayerNetwork net = TestNets.mlp(1, 8, Activation.RELU, new HeInit(), 9);
        StatsListener stats = new StatsListener(storage, 1);
        stats.setSessionID(session);
        net.setListeners(stats);
        net.fit(TestNets.data(16, 9));
    }

    @Test
    void detachForgetsTheStoragesSessions() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        train(TestNets.mlp(1, 8, Activation.RELU, new HeInit(), 4), storage, "gone", 2);
        GradientHealthModule m = new GradientHealthModule();
        m.onAttach(storage);
        assertThat(m.indexedRecords("gone", null)).isEqualTo(2);
        m.onDetach(storage);
        assertThat(m.indexedRecords("gone", null)).isZero();
        assertThat(m.dataBody("gone", null, 0, 0, 0)).containsEntry("found", false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Map<String, Object> body) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            return mapper.readValue(mapper.writeValueAsString(body), Map.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void train(MultiLayerNetwork net, InMemoryStatsStorage storage, String session, int iterations) {
        net.setListeners(TestNets.listener(storage, session));
        DataSet d = TestNets.data(64, 7);
        for (int i = 0; i < iterations; i++) {
            net.fit(d);
        }
    }
}
