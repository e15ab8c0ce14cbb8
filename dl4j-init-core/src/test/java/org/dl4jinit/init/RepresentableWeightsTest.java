package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Arguments whose weights the network's data type cannot hold are rejected when DL4J initializes the layer,
 * naming the initializer with the user's arguments, the bound and the rule; arguments it can hold give finite,
 * right weights however large they are; arguments of the variance-scaling family are checked in the user's terms
 * when constructed.
 */
class RepresentableWeightsTest {

    private static final String FLOAT_MAX = " must be <= " + (double) Float.MAX_VALUE + ", the largest FLOAT";
    private static final String DENSE = " (DL4J was initializing the FLOAT weight [4, 3] of a DenseLayer)";

    private static MultiLayerConfiguration dense(IWeightInit init, DataType type) {
        return new NeuralNetConfiguration.Builder().dataType(type).seed(1).list()
                .layer(new DenseLayer.Builder().name("dense").nIn(4).nOut(3).weightInit(init).build())
                .build();
    }

    private static INDArray weights(IWeightInit init, DataType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(dense(init, type));
        net.init();
        return net.getParam("0_W");
    }

    static Stream<Arguments> hugeArguments() {
        return Stream.of(
                Arguments.of(new NormalInit(0, 1e39), "NormalInit(mean=0.0, std=1.0E39) cannot give finite FLOAT "
                        + "weights: |mean| + 16·std = " + 16 * 1e39 + FLOAT_MAX),
                Arguments.of(new ConstantInit(1e39), "ConstantInit(value=1.0E39) cannot give finite FLOAT weights: "
                        + "|value| = 1.0E39" + FLOAT_MAX),
                Arguments.of(new SmallRandomInit(1e300), "SmallRandomInit(factor=1.0E300) cannot give finite FLOAT "
                        + "weights: 16·factor = " + 16 * 1e300 + FLOAT_MAX),
                Arguments.of(new OrthogonalInit(1e39), "OrthogonalInit(gain=1.0E39) cannot give finite FLOAT weights: "
                        + "gain = 1.0E39" + FLOAT_MAX),
                Arguments.of(UniformInit.symmetric(1e39), "UniformInit(lower=-1.0E39, upper=1.0E39) cannot give finite "
                        + "FLOAT weights: max(|lower|, |upper|) = 1.0E39" + FLOAT_MAX),
                Arguments.of(new UniformInit(-1e308, 1e308), "UniformInit(lower=-1.0E308, upper=1.0E308) cannot give "
                        + "finite FLOAT weights: max(|lower|, |upper|) = 1.0E308" + FLOAT_MAX),
                Arguments.of(new TruncatedNormalInit(0, 2e38), "TruncatedNormalInit(mean=0.0, std=2.0E38, bound=2.0) "
                        + "cannot give finite FLOAT weights: |mean| + min(bound, 16)·std = 4.0E38" + FLOAT_MAX),
                Arguments.of(new VarianceScalingInit(1e80, FanMode.FAN_IN, InitDistribution.UNIFORM),
                        "VarianceScalingInit(scale=1.0E80, mode=FAN_IN, distribution=UNIFORM) cannot give finite FLOAT "
                        + "weights: sqrt(3)·std at fanIn=4.0, fanOut=3.0 = " + Math.sqrt(3.0) * Math.sqrt(1e80 / 4)
                        + FLOAT_MAX),
                Arguments.of(XavierInit.normal(1e38), "XavierInit(distribution=NORMAL, gain=1.0E38) cannot give finite "
                        + "FLOAT weights: 16·std at fanIn=4.0, fanOut=3.0 = "
                        + 16 * Math.sqrt(1e38 * 1e38 * 2 / 7.0) + FLOAT_MAX),
                Arguments.of(new SparseInit(2, 1e38), "SparseInit(nonZeroPerUnit=2, std=1.0E38) cannot give finite "
                        + "FLOAT weights: 16·std = " + 16 * 1e38 + FLOAT_MAX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeArguments")
    void hugeArgumentsAreRejectedWhenDl4jInitializesAFloatLayer(IWeightInit init, String message) {
        MultiLayerNetwork net = new MultiLayerNetwork(dense(init, DataType.FLOAT));

        assertThatThrownBy(net::init).isInstanceOf(IllegalArgumentException.class).hasMessage(message + DENSE);
    }

    @Test
    void hugeArgumentsReadFromJsonAreRejectedWhenTheNetworkIsInitialized() {
        String json = dense(new NormalInit(0, 1e39), DataType.FLOAT).toJson();
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));

        assertThatThrownBy(net::init).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NormalInit(mean=0.0, std=1.0E39) cannot give finite FLOAT weights: |mean| + 16·std = "
                        + 16 * 1e39 + FLOAT_MAX + DENSE);
    }

    @Test
    void whatFitsAFloatIsAcceptedUpToSixteenStandardDeviationsOrTheTruncationBound() {
        INDArray normal = weights(new NormalInit(0, 2e37), DataType.FLOAT);
        // 2 standard deviations of 1e38 fit, though 16 would not
        INDArray truncated = weights(new TruncatedNormalInit(0, 1e38), DataType.FLOAT);

        assertThat(normal.isInfinite().any() || normal.isNaN().any()).isFalse();
        assertThat(truncated.isInfinite().any() || truncated.isNaN().any()).isFalse();
        assertThat(truncated.amaxNumber().doubleValue()).isGreaterThan(1e37);
    }

    @Test
    void aHalfPrecisionNetworkHasItsOwnRange() {
        MultiLayerNetwork net = new MultiLayerNetwork(dense(new NormalInit(0, 1e4), DataType.HALF));

        assertThatThrownBy(net::init).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NormalInit(mean=0.0, std=10000.0) cannot give finite HALF weights: |mean| + 16·std = "
                        + "160000.0 must be <= 65504.0, the largest HALF (DL4J was initializing the HALF weight [4, 3] "
                        + "of a DenseLayer)");
    }

    @Test
    void uniformBoundsWiderThanTheLargestDoubleGiveFiniteUniformWeights() {
        // upper - lower = 2e308 overflows even in double: drawn as midpoint + half-width·U(-1, 1)
        INDArray w = weights(new UniformInit(-1e308, 1e308), DataType.DOUBLE);

        assertThat(w.isInfinite().any()).isFalse();
        assertThat(w.isNaN().any()).isFalse();
        assertThat(w.minNumber().doubleValue()).isGreaterThanOrEqualTo(-1e308);
        assertThat(w.maxNumber().doubleValue()).isLessThanOrEqualTo(1e308);
        assertThat(w.amaxNumber().doubleValue()).isGreaterThan(1e306);
    }

    @Test
    void uniformBoundsWhoseWidthOverflowsFloatGiveFiniteUniformWeights() {
        INDArray w = weights(new UniformInit(-3e38, 3e38), DataType.FLOAT);

        assertThat(w.isInfinite().any()).isFalse();
        assertThat(w.isNaN().any()).isFalse();
        assertThat(w.amaxNumber().doubleValue()).isBetween(1e36, 3e38);
    }

    @Test
    void uniformSamplesOfAWideRangeHaveTheUniformMeanAndVariance() {
        // width 2.5e308 overflows double; the midpoint 2.5e307 is away from zero
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(3).list()
                .layer(new DenseLayer.Builder().nIn(400).nOut(500).weightInit(new UniformInit(-1e308, 1.5e308))
                        .build())
                .build());
        net.init();
        INDArray w = net.getParam("0_W").div(1e307);

        // U(-10, 15) in units of 1e307: mean 2.5, variance 25²/12
        assertThat(w.meanNumber().doubleValue()).isCloseTo(2.5, within(0.1));
        assertThat(w.varNumber().doubleValue()).isCloseTo(625.0 / 12, within(1.0));
    }

    @Test
    void aVarianceThatUnderflowsTheDataTypeIsRejectedNamingWhatTheUserSet() {
        // 2 / (1 + a²) / fanIn = 5e-201: zero in float, fine in double
        MultiLayerNetwork net = new MultiLayerNetwork(dense(new HeInit(1e100), DataType.FLOAT));

        assertThatThrownBy(net::init).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HeInit(distribution=NORMAL, mode=FAN_IN, negativeSlope=1.0E100) cannot give nonzero FLOAT "
                        + "weights: std at fanIn=4.0, fanOut=3.0 = " + Math.sqrt(2 / (1 + 1e200) / 4.0)
                        + " must be >= " + (double) Float.MIN_NORMAL + ", the smallest normal FLOAT (below it the "
                        + "weights are zeros and subnormals)" + DENSE);
        INDArray w = weights(new HeInit(1e100), DataType.DOUBLE);
        assertThat(w.stdNumber().doubleValue() / Math.sqrt(2 / (1 + 1e200) / 4.0)).isBetween(0.2, 3.0);
    }

    @Test
    void heSlopeWhoseSquareOverflowsIsRejectedInTheUsersTerms() {
        assertThatThrownBy(() -> new HeInit(1e200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negativeSlope must be <= 1.3407807929942596E154 (so that 1 + negativeSlope² is a finite "
                        + "double), was 1.0E200");
    }

    @Test
    void xavierGainWhoseSquareOverflowsOrUnderflowsIsRejectedInTheUsersTerms() {
        assertThatThrownBy(() -> XavierInit.normal(1e300)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gain must be finite and between 1.4916681462400413E-154 and 1.3407807929942596E154 (so "
                        + "that gain² is a finite, nonzero double), was 1.0E300");
        assertThatThrownBy(() -> XavierInit.uniform(1e-200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gain must be finite and between 1.4916681462400413E-154 and 1.3407807929942596E154 (so "
                        + "that gain² is a finite, nonzero double), was 1.0E-200");
    }

    @Test
    void aDirectCallOutsideDl4jGetsTheRuleWithoutALayer() {
        INDArray view = StructuralInitAssertions.paramView(DataType.FLOAT, new long[] {2, 2});

        assertThatThrownBy(() -> new ConstantInit(-1e39).init(2, 2, new long[] {2, 2}, 'f', view))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ConstantInit(value=-1.0E39) cannot give finite FLOAT weights: |value| = 1.0E39"
                        + FLOAT_MAX);
    }
}
