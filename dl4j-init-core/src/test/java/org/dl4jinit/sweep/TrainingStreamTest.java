package org.dl4jinit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** The training stream: a position in it means the same batch whether reached by training or by skipping. */
class TrainingStreamTest {

    /** 6 batches of one example each, identified by their first feature; a new order on every pass. */
    private static final List<DataSet> BATCHES = SweepFixtures.data(6, 3).asList();

    private static SweepData shuffling() {
        return SweepData.of(() -> new ShufflingIterator(BATCHES, 5L), () -> new ShufflingIterator(BATCHES, 5L));
    }

    private static float first(DataSet d) {
        return d.getFeatures().getFloat(0);
    }

    @Test
    void streamOpenedAtAPositionContinuesExactlyWhereAnUninterruptedStreamIs() {
        TrainingStream whole = TrainingStream.open(shuffling(), null, 0);
        List<Float> sequence = new ArrayList<>();
        List<Boolean> passEnds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sequence.add(first(whole.next()));
            passEnds.add(whole.passEnded());
        }
        assertThat(passEnds.get(5)).isTrue();
        assertThat(passEnds.get(4)).isFalse();
        assertThat(sequence.subList(6, 12)).as("the second pass is in another order")
                .isNotEqualTo(sequence.subList(0, 6)).containsExactlyInAnyOrderElementsOf(sequence.subList(0, 6));
        for (int start : new int[] {1, 6, 7, 13}) {
            TrainingStream resumed = TrainingStream.open(shuffling(), null, start);
            assertThat(resumed.position()).isEqualTo(start);
            for (int i = start; i < 20; i++) {
                assertThat(first(resumed.next())).as("batch %d resumed at %d", i, start).isEqualTo(sequence.get(i));
            }
        }
    }

    @Test
    void iteratorThatCannotResetOrHasNoBatchIsRejected() {
        SweepData once = SweepData.of(() -> new NoReset(BATCHES), () -> new NoReset(BATCHES));
        TrainingStream s = TrainingStream.open(once, null, 6);
        assertThatThrownBy(s::next).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the training iterator ended after 6 batches and does not support reset: a sweep with an "
                        + "iteration budget needs to start further passes");
        SweepData empty = SweepData.of(() -> new ListDataSetIterator<>(List.of()),
                () -> new ListDataSetIterator<>(List.of()));
        assertThatThrownBy(() -> TrainingStream.open(empty, null, 0).next())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("training data must not be empty: a pass has no batch");
    }

    /** A list iterator without reset. */
    private static final class NoReset extends ListDataSetIterator<DataSet> {
        private static final long serialVersionUID = 1L;

        NoReset(List<DataSet> batches) {
            super(batches, 1);
        }

        @Override
        public boolean resetSupported() {
            return false;
        }
    }
}
