package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.dl4jinit.init.StructuralInitAssertions.assertOrthogonal;
import static org.dl4jinit.init.StructuralInitAssertions.flattened;
import static org.dl4jinit.init.StructuralInitAssertions.jsonRoundTrip;
import static org.dl4jinit.init.StructuralInitAssertions.paramView;

import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class OrthogonalInitTest {

    private static final double FLOAT_TOLERANCE = 1e-4;

    private static INDArray init(OrthogonalInit init, long[] shape, char order, INDArray view) {
        return init.init(shape[0], shape[1], shape, order, view);
    }

    @Test
    void tallDenseKernelHasOrthonormalColumns() {
        long[] shape = {64, 32};
        INDArray w = init(new OrthogonalInit(), shape, 'f', paramView(DataType.FLOAT, shape));

        assertThat(w.shape()).containsExactly(64, 32);
        assertThat(w.ordering()).isEqualTo('f');
        assertOrthogonal(w, 1.0, FLOAT_TOLERANCE);
    }

    @Test
    void wideDenseKernelHasOrthonormalRows() {
        long[] shape = {32, 64};
        INDArray w = init(new OrthogonalInit(), shape, 'f', paramView(DataType.FLOAT, shape));

        assertOrthogonal(w, 1.0, FLOAT_TOLERANCE);
    }

    @Test
    void squareDenseKernelTimesGainIsOrthogonalBothWays() {
        long[] shape = {50, 50};
        INDArray w = init(new OrthogonalInit(2.0), shape, 'f', paramView(DataType.FLOAT, shape));

        assertOrthogonal(w, 2.0, 4 * FLOAT_TOLERANCE);
        assertOrthogonal(w.transpose(), 2.0, 4 * FLOAT_TOLERANCE);
    }

    @Test
    void convKernelFlattenedToOutputChannelsHasOrthonormalRows() {
        long[] shape = {64, 32, 3, 3};
        INDArray w = init(new OrthogonalInit(), shape, 'c', paramView(DataType.FLOAT, shape));

        assertThat(w.shape()).containsExactly(64, 32, 3, 3);
        assertOrthogonal(flattened(w), 1.0, FLOAT_TOLERANCE);
    }

    static Stream<Arguments> shapesOrdersAndTypes() {
        return Stream.of(
                Arguments.of(new long[] {40, 10}, 'f', DataType.FLOAT),
                Arguments.of(new long[] {40, 10}, 'c', DataType.DOUBLE),
                Arguments.of(new long[] {10, 40}, 'c', DataType.FLOAT),
                Arguments.of(new long[] {16, 64}, 'f', DataType.DOUBLE),
                Arguments.of(new long[] {8, 4, 3, 3}, 'c', DataType.FLOAT),
                Arguments.of(new long[] {64, 4, 3, 3}, 'c', DataType.DOUBLE),
                Arguments.of(new long[] {64, 4, 3, 3}, 'f', DataType.FLOAT),
                Arguments.of(new long[] {6, 4, 5}, 'f', DataType.HALF));
    }

    @ParameterizedTest
    @MethodSource("shapesOrdersAndTypes")
    void flattenedWeightIsOrthogonalForEveryShapeOrderAndType(long[] shape, char order, DataType type) {
        INDArray view = paramView(type, shape);
        INDArray w = init(new OrthogonalInit(1.5), shape, order, view);

        assertThat(w.shape()).containsExactly(shape);
        assertThat(w.dataType()).isEqualTo(type);
        double tolerance = type == DataType.HALF ? 1e-2 : type == DataType.FLOAT ? FLOAT_TOLERANCE : 1e-10;
        assertOrthogonal(flattened(w), 1.5, tolerance);
    }

    @Test
    void doubleParamViewIsOrthogonalToDoublePrecision() {
        long[] shape = {100, 60};
        INDArray w = init(new OrthogonalInit(), shape, 'f', paramView(DataType.DOUBLE, shape));

        assertOrthogonal(w, 1.0, 1e-12);
    }

    @Test
    void fillsTheParamViewInPlaceAndReturnsAnArraySharingItsBuffer() {
        long[] shape = {12, 8};
        INDArray view = paramView(DataType.FLOAT, shape);

        INDArray w = init(new OrthogonalInit(), shape, 'f', view);

        assertThat(view.norm2Number().doubleValue()).isCloseTo(Math.sqrt(8), within(1e-4));
        w.putScalar(3, 2, 42.0);
        assertThat(view.getDouble(3 + 12 * 2)).isEqualTo(42.0);
    }

    @Test
    void fillsAViewIntoALargerParameterVectorWithoutTouchingItsNeighbours() {
        long[] shape = {20, 10};
        INDArray params = Nd4j.valueArrayOf(new long[] {1, 300}, 7.0f);
        INDArray view = params.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(50, 250));

        INDArray w = init(new OrthogonalInit(), shape, 'f', view);

        assertOrthogonal(w, 1.0, FLOAT_TOLERANCE);
        assertOrthogonal(params.get(NDArrayIndex.point(0), NDArrayIndex.interval(50, 250)).reshape('f', 20, 10),
                1.0, FLOAT_TOLERANCE);
        assertThat(params.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 50)).toDoubleVector()).containsOnly(7.0);
        assertThat(params.get(NDArrayIndex.point(0), NDArrayIndex.interval(250, 300)).toDoubleVector())
                .containsOnly(7.0);
    }

    @Test
    void signCorrectionMakesTheDistributionHaarSoDiagonalEntriesAverageZero() {
        // Without Q·diag(sign(diag R)), LAPACK's Householder QR gives Q[0,0] < 0 on every draw.
        Nd4j.getRandom().setSeed(123);
        long[] shape = {8, 8};
        int draws = 200;
        double sum = 0;
        int positiveCorner = 0;
        for (int i = 0; i < draws; i++) {
            INDArray w = init(new OrthogonalInit(), shape, 'f', paramView(DataType.DOUBLE, shape));
            for (int j = 0; j < 8; j++) {
                sum += w.getDouble(j, j);
            }
            positiveCorner += w.getDouble(0, 0) > 0 ? 1 : 0;
        }
        // Each diagonal entry of a Haar 8x8 has mean 0 and variance 1/8: the mean of 1600 has sd 0.009.
        assertThat(sum / (draws * 8)).isCloseTo(0.0, within(0.05));
        assertThat(positiveCorner).isBetween(70, 130);
    }

    @Test
    void elementVarianceIsGainSquaredOverTheLargerDimension() {
        long[] shape = {256, 64};
        INDArray w = init(new OrthogonalInit(1.5), shape, 'f', paramView(DataType.FLOAT, shape));

        assertThat(w.varNumber().doubleValue()).isCloseTo(1.5 * 1.5 / 256, within(0.05 * 1.5 * 1.5 / 256));
    }

    @Test
    void sameGlobalSeedGivesTheSameWeights() {
        long[] shape = {30, 20};
        Nd4j.getRandom().setSeed(42);
        INDArray first = init(new OrthogonalInit(), shape, 'f', paramView(DataType.FLOAT, shape)).dup();
        Nd4j.getRandom().setSeed(42);
        INDArray second = init(new OrthogonalInit(), shape, 'f', paramView(DataType.FLOAT, shape)).dup();
        Nd4j.getRandom().setSeed(43);
        INDArray third = init(new OrthogonalInit(), shape, 'f', paramView(DataType.FLOAT, shape)).dup();

        assertThat(second).isEqualTo(first);
        assertThat(third).isNotEqualTo(first);
    }

    @Test
    void denseLayerOfAMultiLayerNetworkGetsOrthonormalColumns() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).list()
                .layer(new DenseLayer.Builder().nIn(32).nOut(16).activation(Activation.TANH)
                        .weightInit(new OrthogonalInit()).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(16).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        MultiLayerNetwork again = new MultiLayerNetwork(conf.clone());
        again.init();

        INDArray w = net.getParam("0_W");
        assertThat(w.shape()).containsExactly(32, 16);
        assertOrthogonal(w, 1.0, FLOAT_TOLERANCE);
        assertThat(again.getParam("0_W")).isEqualTo(w);
    }

    @Test
    void rejectsARank1Shape() {
        assertThatThrownBy(() -> new OrthogonalInit().init(5, 5, new long[] {5}, 'f',
                Nd4j.create(DataType.FLOAT, 1, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape must be of rank >= 2 for an orthogonal weight (rows = shape[0], columns = the "
                        + "product of the rest), was [5]");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsAGainThatIsNotFiniteAndPositive(double gain) {
        assertThatThrownBy(() -> new OrthogonalInit(gain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gain must be finite and > 0, was " + gain);
    }

    @Test
    void roundTripsThroughDl4jJsonAndIsEqualOverGain() {
        assertThat(jsonRoundTrip(new OrthogonalInit(1.5))).isEqualTo(new OrthogonalInit(1.5));
        assertThat(new OrthogonalInit()).isEqualTo(new OrthogonalInit(1.0))
                .hasSameHashCodeAs(new OrthogonalInit(1.0))
                .isNotEqualTo(new OrthogonalInit(2.0))
                .hasToString("OrthogonalInit(gain=1.0)");
    }
}
