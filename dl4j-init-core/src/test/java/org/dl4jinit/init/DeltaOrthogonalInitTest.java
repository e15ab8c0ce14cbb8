package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.dl4jinit.init.StructuralInitAssertions.assertOrthogonal;
import static org.dl4jinit.init.StructuralInitAssertions.jsonRoundTrip;
import static org.dl4jinit.init.StructuralInitAssertions.paramView;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DeltaOrthogonalInitTest {

    private static INDArray init(DeltaOrthogonalInit init, long[] shape, char order, INDArray view) {
        return init.init(1, 1, shape, order, view);
    }

    private static double sumOfSquares(INDArray a) {
        return a.castTo(DataType.DOUBLE).norm2Number().doubleValue() * a.castTo(DataType.DOUBLE).norm2Number()
                .doubleValue();
    }

    @Test
    void centerTapIsOrthogonalTimesGainAndOtherTapsAreZero() {
        long[] shape = {32, 16, 3, 3};
        INDArray view = paramView(DataType.FLOAT, shape);
        INDArray w = init(new DeltaOrthogonalInit(2.0), shape, 'c', view);

        INDArray center = w.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1), NDArrayIndex.point(1));
        assertOrthogonal(center, 2.0, 1e-4);
        // The center holds all of the weight's mass: 16 orthonormal columns times gain², nothing elsewhere.
        assertThat(sumOfSquares(w)).isCloseTo(sumOfSquares(center), within(1e-6));
        assertThat(sumOfSquares(view)).isCloseTo(16 * 4.0, within(1e-3));
    }

    @Test
    void squareChannelCenterTapIsOrthogonalBothWays() {
        long[] shape = {16, 16, 5, 5};
        INDArray w = init(new DeltaOrthogonalInit(), shape, 'c', paramView(DataType.DOUBLE, shape));

        INDArray center = w.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(2), NDArrayIndex.point(2));
        assertOrthogonal(center, 1.0, 1e-12);
        assertOrthogonal(center.transpose(), 1.0, 1e-12);
    }

    @Test
    void rank3KernelHasItsOrthogonalMatrixAtTheMiddleTap() {
        long[] shape = {8, 4, 5};
        INDArray w = init(new DeltaOrthogonalInit(), shape, 'c', paramView(DataType.FLOAT, shape));

        INDArray center = w.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(2));
        assertOrthogonal(center, 1.0, 1e-5);
        assertThat(sumOfSquares(w)).isCloseTo(4.0, within(1e-4));
    }

    @Test
    void evenKernelUsesTheTapThatSameModeAlignsWithTheOutput() {
        long[] shape = {6, 6, 2, 2};
        INDArray w = init(new DeltaOrthogonalInit(), shape, 'f', paramView(DataType.FLOAT, shape));

        // (k - 1) / 2 = 0: DL4J's Same mode pads an even kernel by (k - 1) / 2 before and k / 2 after
        INDArray center = w.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(0));
        assertOrthogonal(center, 1.0, 1e-5);
        assertThat(sumOfSquares(w)).isCloseTo(6.0, within(1e-4));
    }

    @Test
    void fillsTheParamViewInPlaceOverwritingOldValues() {
        long[] shape = {4, 4, 3, 3};
        INDArray view = Nd4j.valueArrayOf(new long[] {1, 4 * 4 * 9}, 5.0f);

        INDArray w = init(new DeltaOrthogonalInit(), shape, 'c', view);

        assertThat(sumOfSquares(view)).isCloseTo(4.0, within(1e-4));
        w.putScalar(new long[] {0, 0, 0, 0}, 9.0);
        assertThat(view.getDouble(0)).isEqualTo(9.0);
    }

    @Test
    void sameGlobalSeedGivesTheSameKernel() {
        long[] shape = {8, 4, 3, 3};
        Nd4j.getRandom().setSeed(5);
        INDArray first = init(new DeltaOrthogonalInit(), shape, 'c', paramView(DataType.FLOAT, shape)).dup();
        Nd4j.getRandom().setSeed(5);
        INDArray second = init(new DeltaOrthogonalInit(), shape, 'c', paramView(DataType.FLOAT, shape)).dup();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void rejectsFewerOutputThanInputChannels() {
        long[] shape = {16, 32, 3, 3};
        assertThatThrownBy(() -> init(new DeltaOrthogonalInit(), shape, 'c', paramView(DataType.FLOAT, shape)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape must have nOut >= nIn for a delta-orthogonal kernel (nOut = 16, nIn = 32), "
                        + "was [16, 32, 3, 3]");
    }

    @Test
    void rejectsADenseShape() {
        long[] shape = {16, 8};
        assertThatThrownBy(() -> init(new DeltaOrthogonalInit(), shape, 'f', paramView(DataType.FLOAT, shape)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape must be of rank 3 [nOut, nIn, k], 4 [nOut, nIn, kH, kW] or 5 [nOut, nIn, kD, kH, "
                        + "kW] for a delta-orthogonal kernel, was [16, 8]");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2.0, 0.0, Double.NaN, Double.NEGATIVE_INFINITY})
    void rejectsAGainThatIsNotFiniteAndPositive(double gain) {
        assertThatThrownBy(() -> new DeltaOrthogonalInit(gain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gain must be finite and > 0, was " + gain);
    }

    @Test
    void roundTripsThroughDl4jJsonAndIsEqualOverGain() {
        assertThat(jsonRoundTrip(new DeltaOrthogonalInit(3.0))).isEqualTo(new DeltaOrthogonalInit(3.0));
        assertThat(new DeltaOrthogonalInit()).isEqualTo(new DeltaOrthogonalInit(1.0))
                .hasSameHashCodeAs(new DeltaOrthogonalInit(1.0))
                .isNotEqualTo(new DeltaOrthogonalInit(2.0))
                .isNotEqualTo(new OrthogonalInit(1.0))
                .hasToString("DeltaOrthogonalInit(gain=1.0)");
    }
}
