package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.dl4jinit.init.StructuralInitAssertions.jsonRoundTrip;
import static org.dl4jinit.init.StructuralInitAssertions.paramView;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SparseInitTest {

    private static long nonZeros(INDArray a) {
        long count = 0;
        for (double v : a.castTo(DataType.DOUBLE).ravel().toDoubleVector()) {
            count += v != 0 ? 1 : 0;
        }
        return count;
    }

    @ParameterizedTest
    @ValueSource(chars = {'c', 'f'})
    void everyColumnOfADenseWeightHasExactlyKNonzeros(char order) {
        long[] shape = {100, 40};
        INDArray w = new SparseInit(15, 1.0).init(100, 40, shape, order, paramView(DataType.FLOAT, shape));

        assertThat(w.shape()).containsExactly(100, 40);
        for (int unit = 0; unit < 40; unit++) {
            assertThat(nonZeros(w.getColumn(unit))).as("nonzeros of column %d", unit).isEqualTo(15);
        }
    }

    @Test
    void everyOutputChannelOfAConvKernelHasExactlyKNonzeros() {
        long[] shape = {8, 4, 3, 3};
        INDArray w = new SparseInit(5, 1.0).init(36, 72, shape, 'c', paramView(DataType.DOUBLE, shape));

        for (int channel = 0; channel < 8; channel++) {
            assertThat(nonZeros(w.slice(channel))).as("nonzeros of output channel %d", channel).isEqualTo(5);
        }
    }

    @Test
    void nonzeroValuesAreNormalWithTheGivenStd() {
        Nd4j.getRandom().setSeed(11);
        long[] shape = {1000, 400};
        INDArray view = paramView(DataType.FLOAT, shape);
        new SparseInit(15, 0.5).init(1000, 400, shape, 'f', view);

        double[] values = view.castTo(DataType.DOUBLE).toDoubleVector();
        double sum = 0;
        double sumOfSquares = 0;
        int count = 0;
        for (double v : values) {
            if (v != 0) {
                sum += v;
                sumOfSquares += v * v;
                count++;
            }
        }
        assertThat(count).isEqualTo(15 * 400);
        double mean = sum / count;
        // 6000 draws from N(0, 0.25): sd of the mean 0.0065, sd of the sample std about 0.0046.
        assertThat(mean).isCloseTo(0.0, within(0.03));
        assertThat(Math.sqrt(sumOfSquares / count - mean * mean)).isCloseTo(0.5, within(0.025));
    }

    @Test
    void positionsAreSpreadEvenlyOverTheIncomingWeights() {
        long[] shape = {20, 2000};
        INDArray w = new SparseInit(5, 1.0).init(20, 2000, shape, 'f', paramView(DataType.FLOAT, shape));

        // Each of the 20 inputs is picked by a unit with probability 5/20: 500 expected of 2000, sd 19.4.
        for (int input = 0; input < 20; input++) {
            assertThat(nonZeros(w.getRow(input))).as("units using input %d", input).isBetween(400L, 600L);
        }
    }

    @Test
    void kEqualToTheIncomingCountGivesADenseWeight() {
        long[] shape = {6, 3};
        INDArray w = new SparseInit(6, 1.0).init(6, 3, shape, 'f', paramView(DataType.DOUBLE, shape));

        assertThat(nonZeros(w)).isEqualTo(18);
    }

    @Test
    void fillsTheParamViewInPlaceOverwritingOldValues() {
        long[] shape = {30, 10};
        INDArray view = Nd4j.valueArrayOf(new long[] {1, 300}, 4.0f);

        INDArray w = new SparseInit(3, 1.0).init(30, 10, shape, 'f', view);

        assertThat(nonZeros(view)).isEqualTo(30);
        w.putScalar(0, 0, 123.0);
        assertThat(view.getDouble(0)).isEqualTo(123.0);
    }

    @Test
    void sameGlobalSeedGivesTheSameWeights() {
        long[] shape = {50, 20};
        Nd4j.getRandom().setSeed(99);
        INDArray first = new SparseInit(4, 1.0).init(50, 20, shape, 'f', paramView(DataType.FLOAT, shape)).dup();
        Nd4j.getRandom().setSeed(99);
        INDArray second = new SparseInit(4, 1.0).init(50, 20, shape, 'f', paramView(DataType.FLOAT, shape)).dup();
        Nd4j.getRandom().setSeed(100);
        INDArray third = new SparseInit(4, 1.0).init(50, 20, shape, 'f', paramView(DataType.FLOAT, shape)).dup();

        assertThat(second).isEqualTo(first);
        assertThat(third).isNotEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3})
    void rejectsFewerThanOneNonzeroPerUnit(int k) {
        assertThatThrownBy(() -> new SparseInit(k, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nonZeroPerUnit must be >= 1, was " + k);
    }

    @Test
    void rejectsMoreNonzerosThanIncomingWeightsInsteadOfClamping() {
        long[] shape = {10, 5};
        assertThatThrownBy(() -> new SparseInit(20, 1.0).init(10, 5, shape, 'f', paramView(DataType.FLOAT, shape)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nonZeroPerUnit must be <= the number of incoming weights per unit, was nonZeroPerUnit=20, "
                        + "incoming=10 (shape [10, 5])");
    }

    @Test
    void rejectsMoreNonzerosThanAConvChannelHasInputs() {
        long[] shape = {8, 1, 3, 3};
        assertThatThrownBy(() -> new SparseInit().init(9, 72, shape, 'c', paramView(DataType.FLOAT, shape)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nonZeroPerUnit must be <= the number of incoming weights per unit, was nonZeroPerUnit=15, "
                        + "incoming=9 (shape [8, 1, 3, 3])");
    }

    @Test
    void rejectsARank1Shape() {
        assertThatThrownBy(() -> new SparseInit().init(5, 5, new long[] {40}, 'f', Nd4j.create(DataType.FLOAT, 1, 40)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape must be of rank >= 2 for a sparse weight, was [40]");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsAStdThatIsNotFiniteAndPositive(double std) {
        assertThatThrownBy(() -> new SparseInit(15, std))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("std must be finite and > 0, was " + std);
    }

    @Test
    void roundTripsThroughDl4jJsonAndIsEqualOverItsConfiguration() {
        assertThat(jsonRoundTrip(new SparseInit(7, 0.3))).isEqualTo(new SparseInit(7, 0.3));
        assertThat(new SparseInit()).isEqualTo(new SparseInit(15, 1.0))
                .hasSameHashCodeAs(new SparseInit(15, 1.0))
                .isNotEqualTo(new SparseInit(14, 1.0))
                .isNotEqualTo(new SparseInit(15, 2.0))
                .hasToString("SparseInit(nonZeroPerUnit=15, std=1.0)");
    }
}
