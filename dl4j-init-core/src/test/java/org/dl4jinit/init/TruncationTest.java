package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Truncated draws stay inside their bounds, and the variance-scaling correction makes the variance exact. */
class TruncationTest {

    private static INDArray fill(org.deeplearning4j.nn.weights.IWeightInit init, double fanIn, double fanOut) {
        Nd4j.getRandom().setSeed(7);
        return init.init(fanIn, fanOut, new long[] {1000, 1000}, 'f', Nd4j.create(DataType.FLOAT, 1, 1_000_000));
    }

    @Test
    void truncatedNormalDrawsLieWithinMeanPlusMinusKStd() {
        INDArray w = fill(new TruncatedNormalInit(0.5, 0.1, 1.5), 1, 1);
        assertThat(w.minNumber().doubleValue()).isGreaterThanOrEqualTo(0.5 - 0.15 - 1e-6).isLessThan(0.36);
        assertThat(w.maxNumber().doubleValue()).isLessThanOrEqualTo(0.5 + 0.15 + 1e-6).isGreaterThan(0.64);
    }

    @Test
    void varianceScalingTruncatedDrawsLieWithinTwoCorrectedStd() {
        double fanIn = 400;
        INDArray w = fill(new VarianceScalingInit(2, FanMode.FAN_IN, InitDistribution.TRUNCATED_NORMAL), fanIn, 10);
        double bound = 2 * Math.sqrt(2 / fanIn) / InitDistribution.TRUNCATED_NORMAL_STD;
        assertThat(w.amaxNumber().doubleValue()).isLessThanOrEqualTo(bound * (1 + 1e-6))
                .isGreaterThan(bound * 0.99);
        assertThat(w.castTo(DataType.DOUBLE).varNumber().doubleValue()).isCloseTo(2 / fanIn, within(0.01 * 2 / fanIn));
    }

    @Test
    void truncatedVarianceFactorMatchesTheClosedForm() {
        assertThat(TruncatedNormalInit.truncatedVarianceFactor(2)).isCloseTo(0.7737413035499232, within(1e-8));
        assertThat(Math.sqrt(TruncatedNormalInit.truncatedVarianceFactor(2)))
                .isCloseTo(InitDistribution.TRUNCATED_NORMAL_STD, within(1e-8));
        assertThat(new TruncatedNormalInit(0, 0.1, 2).truncatedVariance()).isCloseTo(0.01 * 0.7737413035499232,
                within(1e-10));
        assertThat(TruncatedNormalInit.truncatedVarianceFactor(10)).isCloseTo(1.0, within(1e-12));
    }
}
