package org.dl4jinit.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.TruncatedNormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.dl4jinit.init.DeltaOrthogonalInit;
import org.dl4jinit.init.FanMode;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.IdentityInit;
import org.dl4jinit.init.InitDistribution;
import org.dl4jinit.init.LeCunInit;
import org.dl4jinit.init.NormalInit;
import org.dl4jinit.init.OrthogonalInit;
import org.dl4jinit.init.SmallRandomInit;
import org.dl4jinit.init.SparseInit;
import org.dl4jinit.init.TruncatedNormalInit;
import org.dl4jinit.init.UniformInit;
import org.dl4jinit.init.VarianceScalingInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The variance the analysis assigns to each initializer equals the variance of the weights it draws: ours by their
 * own formulas, DL4J's built-ins by their formulas with the factors DL4J really draws.
 */
class WeightMomentsTest {

    private static final double FAN_IN = 400;
    private static final double FAN_OUT = 300;
    private static final long[] SHAPE = {400, 300};

    static Stream<Arguments> initializers() {
        return Stream.of(new HeInit(), HeInit.uniform(), new XavierInit(), XavierInit.normal(2),
                new LeCunInit(), new VarianceScalingInit(0.7, FanMode.FAN_AVG, InitDistribution.TRUNCATED_NORMAL),
                new SmallRandomInit(), new NormalInit(0, 0.3), UniformInit.symmetric(0.2),
                new TruncatedNormalInit(0, 0.1), new OrthogonalInit(1.3), new SparseInit(15, 1),
                WeightInit.RELU.getWeightInitFunction(), WeightInit.XAVIER.getWeightInitFunction(),
                WeightInit.XAVIER_UNIFORM.getWeightInitFunction(), WeightInit.LECUN_UNIFORM.getWeightInitFunction(),
                WeightInit.NORMAL.getWeightInitFunction(), WeightInit.UNIFORM.getWeightInitFunction(),
                WeightInit.SIGMOID_UNIFORM.getWeightInitFunction(),
                WeightInit.VAR_SCALING_NORMAL_FAN_IN.getWeightInitFunction(),
                WeightInit.VAR_SCALING_NORMAL_FAN_AVG.getWeightInitFunction(),
                WeightInit.VAR_SCALING_UNIFORM_FAN_OUT.getWeightInitFunction(),
                WeightInit.XAVIER_LEGACY.getWeightInitFunction(),
                new WeightInitDistribution(new NormalDistribution(0, 0.05)),
                new WeightInitDistribution(new UniformDistribution(-0.1, 0.1)),
                new WeightInitDistribution(new TruncatedNormalDistribution(0, 0.05)))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("initializers")
    void theVarianceIsTheVarianceOfTheDrawnWeights(IWeightInit init) {
        Nd4j.getRandom().setSeed(12);
        INDArray view = Nd4j.create(DataType.DOUBLE, 1, SHAPE[0] * SHAPE[1]);
        INDArray w = init.init(FAN_IN, FAN_OUT, SHAPE, 'f', view);
        double drawn = w.varNumber().doubleValue();

        WeightMoments m = WeightMoments.of(init, FAN_IN, FAN_OUT, FAN_IN, SHAPE, 1);

        // 120,000 draws: the sample variance is within 2% (sparse: 15 per column, within 5%)
        double tolerance = init instanceof SparseInit ? 0.05 : 0.02;
        assertThat(m.variance() / drawn).as(m.formula()).isCloseTo(1, within(tolerance));
        assertThat(m.kind()).isEqualTo(WeightMoments.Kind.RANDOM);
        assertThat(m.gain()).isCloseTo(m.variance() * FAN_IN, within(1e-12));
    }

    @Test
    void zeroIdentityAndDeltaOrthogonalAreNamedForWhatTheyAre() {
        assertThat(WeightMoments.of(new ZeroInit(), FAN_IN, FAN_OUT, FAN_IN, SHAPE, 1).kind())
                .isEqualTo(WeightMoments.Kind.ZERO);
        WeightMoments identity = WeightMoments.of(new IdentityInit(0.5), 100, 100, 100, new long[] {100, 100}, 1);
        assertThat(identity.kind()).isEqualTo(WeightMoments.Kind.STRUCTURED);
        assertThat(identity.gain()).isCloseTo(0.25, within(1e-12));
        WeightMoments delta = WeightMoments.of(new DeltaOrthogonalInit(1), 8 * 9, 16 * 9, 8 * 9,
                new long[] {16, 8, 3, 3}, 1);
        assertThat(delta.gain()).as("Σ_j w_cj² = nIn/nOut").isCloseTo(0.5, within(1e-12));
    }

    /** An initializer the analysis does not know is drawn and measured, without touching the caller's RNG. */
    @Test
    void anUnknownInitializerIsMeasuredOnItsOwnThread() {
        IWeightInit custom = (fanIn, fanOut, shape, order, view) -> {
            view.assign(Nd4j.randn(view.dataType(), view.shape()).muli(0.07));
            return view.reshape(order, shape);
        };
        Nd4j.getRandom().setSeed(99);
        double before = Nd4j.getRandom().nextDouble();
        Nd4j.getRandom().setSeed(99);

        WeightMoments m = WeightMoments.of(custom, FAN_IN, FAN_OUT, FAN_IN, SHAPE, 5);

        assertThat(Nd4j.getRandom().nextDouble()).as("the caller's generator is untouched").isEqualTo(before);
        assertThat(m.kind()).isEqualTo(WeightMoments.Kind.MEASURED);
        assertThat(m.variance()).isCloseTo(0.0049, within(0.0049 * 0.02));
        assertThat(m.formula()).contains("measured on one draw");
    }
}
