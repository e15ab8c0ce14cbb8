package org.dl4jinit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.HealthPolicy;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.LayerInfo;
import org.dl4jinit.health.Nets;
import org.dl4jinit.health.UnhealthyTrainingException;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One listener attached to two networks, and two listeners that share a session and worker id, never mix the
 * networks: each is judged on its own (a dead network trained alternately with a healthy one is stopped), each
 * records under its own worker id (no record overwrites another) and each worker's static info describes its own
 * network.
 */
class ListenerPerModelTest {

    private static final DataSet BATCH = Nets.data(32, 3);
    private static final String TYPE = HealthRecord.TYPE_ID;

    /** THROW after three FAILING iterations in a row, records into the storage. */
    private static HealthConfig config(InMemoryStatsStorage storage) {
        return HealthConfig.builder().failAfter(3).onWarning().onFailing(HealthPolicy.THROW)
                .subscribe(HealthRecorder.to(storage)).build();
    }

    /** Healthy A (3 hidden layers) and dead B (2 hidden layers, zero weights), fitted alternately. */
    private static void alternate(MultiLayerNetwork a, MultiLayerNetwork b, List<Integer> bIterationsBeforeStop) {
        for (int round = 0; round < 10; round++) {
            a.fit(BATCH);
            try {
                b.fit(BATCH);
            } catch (UnhealthyTrainingException e) {
                bIterationsBeforeStop.add(e.report().iteration());
                assertThat(e.report().workerId()).isNotEqualTo("0");
                assertThat(e.getMessage()).contains("W = 0");
                return;
            }
        }
    }

    private static void assertSeparateRecords(InMemoryStatsStorage storage, String session, String a, String b) {
        assertThat(storage.listWorkerIDsForSession(session)).containsExactlyInAnyOrder(a, b);
        HealthStaticInfo infoA = (HealthStaticInfo) storage.getStaticInfo(session, TYPE, a);
        HealthStaticInfo infoB = (HealthStaticInfo) storage.getStaticInfo(session, TYPE, b);
        assertThat(infoA.layers()).extracting(LayerInfo::initializer).first().asString().startsWith("HeInit");
        assertThat(infoA.layers()).hasSize(4);
        assertThat(infoB.layers()).extracting(LayerInfo::initializer).first().asString().startsWith("ZeroInit");
        assertThat(infoB.layers()).hasSize(3);
        // A fitted 3 times (rounds 0..2) and B 3 times until THROW: every iteration is one record
        List<Persistable> recordsA = storage.getAllUpdatesAfter(session, TYPE, a, Long.MIN_VALUE);
        List<Persistable> recordsB = storage.getAllUpdatesAfter(session, TYPE, b, Long.MIN_VALUE);
        assertThat(recordsA).hasSize(3);
        assertThat(recordsB).hasSize(3);
        List<Integer> iterationsB = new ArrayList<>();
        List<Integer> streaksB = new ArrayList<>();
        for (Persistable p : recordsB) {
            HealthReport r = ((HealthRecord) p).report(infoB);
            iterationsB.add(r.iteration());
            streaksB.add(r.failingStreak());
        }
        assertThat(iterationsB).containsExactly(0, 1, 2);
        // failAfter(3): two WARNING iterations, then FAILING
        assertThat(streaksB).containsExactly(0, 0, 1);
        for (Persistable p : recordsA) {
            assertThat(((HealthRecord) p).report(infoA).isHealthy()).isTrue();
        }
    }

    /**
     * Trains healthy A with listener {@code forA} and dead B with {@code forB} alternately: B is stopped by its own
     * third FAILING iteration, and the storage holds each network's records under its own worker id.
     */
    private static void aliveAndDead(InMemoryStatsStorage storage, String session, GradientHealthListener forA,
            GradientHealthListener forB) {
        MultiLayerNetwork a = Nets.mlp(3, 16, Activation.RELU, new HeInit(), Nets.sgd(), 1);
        MultiLayerNetwork b = Nets.mlp(2, 16, Activation.TANH, new ZeroInit(), Nets.sgd(), 2);
        a.setListeners(forA);
        b.setListeners(forB);
        List<Integer> stoppedAt = new ArrayList<>();

        alternate(a, b, stoppedAt);

        // B's streak is its own: A's healthy iterations in between do not reset it
        assertThat(stoppedAt).containsExactly(2);
        assertThat(forB.lastReport().workerId()).isEqualTo("0-model2");
        assertSeparateRecords(storage, session, "0", "0-model2");
    }

    @Test
    void oneListenerOnTwoNetworksStopsTheDeadOneAndKeepsTheirRecordsApart() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        GradientHealthListener listener = new GradientHealthListener(config(storage));
        listener.setSessionID("two-models");
        aliveAndDead(storage, "two-models", listener, listener);
    }

    @Test
    void twoListenersSharingSessionAndWorkerKeepTheirRecordsApart() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        GradientHealthListener first = new GradientHealthListener(config(storage));
        first.setSessionID("cloned");
        GradientHealthListener clone = first.clone(); // not given its own worker id
        aliveAndDead(storage, "cloned", first, clone);
        assertThat(first.lastReport().workerId()).isEqualTo("0");
    }

    @Test
    void aClonedListenerWithItsOwnWorkerIdKeepsIt() {
        GradientHealthListener first = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing()
                .build());
        first.setSessionID("renamed");
        GradientHealthListener clone = first.clone();
        clone.setWorkerID("1");
        MultiLayerNetwork a = Nets.mlp(1, 8, Activation.RELU, new HeInit(), Nets.sgd(), 1);
        MultiLayerNetwork b = Nets.mlp(1, 8, Activation.RELU, new HeInit(), Nets.sgd(), 2);
        a.setListeners(first);
        b.setListeners(clone);
        a.fit(BATCH);
        b.fit(BATCH);
        assertThat(first.lastReport().workerId()).isEqualTo("0");
        assertThat(clone.lastReport().workerId()).isEqualTo("1");
        assertThatThrownBy(() -> clone.setWorkerID(" ")).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("workerID must not be blank, was \" \"");
    }
}
