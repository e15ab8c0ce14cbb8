package org.dl4jinit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.health.Figure;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.storage.HealthRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

/** {@link Series} over copies of a real record: segments on an iteration restart, divergence kept as a count. */
class SeriesTest {

    private static final int GRADIENT_NORM = Series.CHARTED.indexOf(Figure.GRADIENT_NORM);
    private static final int ACTIVATION_STD = Series.CHARTED.indexOf(Figure.ACTIVATION_STD);
    private static final int SATURATED_FRACTION = Series.CHARTED.indexOf(Figure.SATURATED_FRACTION);
    private static final int PER_LAYER = Series.CHARTED.size();

    private static HealthRecord template;

    @BeforeAll
    static void recordOneRealIteration() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        HealthIndexTest.train(TestNets.mlp(2, 8, Activation.RELU, new HeInit(), 9), storage, "t", 1);
        template = (HealthRecord) storage.getLatestUpdate("t", HealthRecord.TYPE_ID,
                storage.listWorkerIDsForSession("t").get(0));
    }

    @Test
    void anIterationBelowThePreviousStartsANewSegmentShowingOnlyTheNewRun() {
        Series s = new Series(new InMemoryStatsStorage(), "reused", "0");
        long ts = 100;
        for (int i = 0; i < 10; i++) {
            assertThat(s.append(Records.copy(template, "reused", ts++, i))).isTrue();
        }
        Series.Snapshot before = s.snapshot(0, 0, 0);
        assertThat(before.segment).isZero();
        assertThat(before.buckets.firstIteration).hasSize(10);
        for (int i = 0; i < 4; i++) { // a new network under the same session id: iterations restart at 0
            assertThat(s.append(Records.copy(template, "reused", ts++, i))).isTrue();
        }
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.latest().iteration()).isEqualTo(3);
        assertThat(s.timestampAt(2)).isEqualTo(112);
        assertThat(s.timestampAt(50)).isEqualTo(113);
        // the page asks for buckets after the 9 it holds of segment 0: it gets the whole new segment instead
        Series.Snapshot after = s.snapshot(3, 1, 0);
        assertThat(after.segment).isEqualTo(1);
        assertThat(after.buckets.from).isZero();
        assertThat(after.buckets.firstIteration).containsExactly(0, 1, 2, 3);
        assertThat(after.warningIterations.length + after.failingIterations.length).isEqualTo(6);
        // the same segment again: incremental
        assertThat(s.snapshot(3, 1, 1).buckets.firstIteration).containsExactly(3);
    }

    @Test
    void aFlaggedNanIsCountedAsDivergedAndAnUnflaggedNanAsNotMeasured() {
        Series s = new Series(new InMemoryStatsStorage(), "nan", "0");
        s.append(Records.copy(template, "nan", 1, 0));
        s.append(Records.copy(template, "nan", 2, 1, 1, Figure.GRADIENT_NORM, Float.NaN,
                1, Figure.NON_FINITE_GRADIENTS, 1f, 0, Figure.ACTIVATION_STD, Float.NaN));
        Buckets.View v = s.snapshot(0, 0, 0).buckets;
        // layer 1's NaN gradient norm is flagged (NaN/Inf in its gradients): diverged
        assertThat(v.nonFinite(1, PER_LAYER + GRADIENT_NORM)).isEqualTo(1);
        assertThat(v.mean(1, PER_LAYER + GRADIENT_NORM)).isNaN();
        // layer 0's NaN activation std without the NON_FINITE_ACTIVATIONS flag: not measured
        assertThat(v.nonFinite(1, ACTIVATION_STD)).isZero();
        // the output layer's saturation is never measured (softmax): NaN in every record, never diverged
        assertThat(template.report(null).layers().get(2).get(Figure.SATURATED_FRACTION)).isNaN();
        assertThat(v.anyNonFinite(2 * PER_LAYER + SATURATED_FRACTION)).isFalse();
        assertThat(v.nonFinite(0, PER_LAYER + GRADIENT_NORM)).isZero();
    }

    @Test
    void firstWorkerOfAnEmptiedSessionIsNullNotAnException() {
        Map<String, Series> workers = new HashMap<>();
        assertThat(HealthIndex.first(workers)).isNull();
        Series b = new Series(new InMemoryStatsStorage(), "s", "b");
        workers.put("b", b);
        workers.put("c", new Series(new InMemoryStatsStorage(), "s", "c"));
        assertThat(HealthIndex.first(workers)).isSameAs(b);
    }
}
