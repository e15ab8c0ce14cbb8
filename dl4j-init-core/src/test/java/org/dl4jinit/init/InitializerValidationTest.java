package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bad configuration is rejected at construction with a message naming parameter, value and rule. */
class InitializerValidationTest {

    @Test
    void negativeNanOrInfiniteStdIsRejected() {
        assertThatThrownBy(() -> new NormalInit(0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("std must be finite and > 0, was -1.0");
        assertThatThrownBy(() -> new NormalInit(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("std must be finite and > 0, was NaN");
        assertThatThrownBy(() -> new TruncatedNormalInit(0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("std must be finite and > 0, was Infinity");
        assertThatThrownBy(() -> new NormalInit(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mean must be finite, was NaN");
    }

    @Test
    void nonPositiveScaleGainOrFactorIsRejected() {
        assertThatThrownBy(() -> new VarianceScalingInit(-2, FanMode.FAN_IN, InitDistribution.NORMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scale must be finite and > 0, was -2.0");
        assertThatThrownBy(() -> new VarianceScalingInit(0, FanMode.FAN_IN, InitDistribution.NORMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scale must be finite and > 0, was 0.0");
        assertThatThrownBy(() -> XavierInit.normal(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gain must be finite and > 0, was NaN");
        assertThatThrownBy(() -> XavierInit.uniform(Double.NEGATIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gain must be finite and > 0, was -Infinity");
        assertThatThrownBy(() -> new SmallRandomInit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("factor must be finite and > 0, was 0.0");
        assertThatThrownBy(() -> new ConstantInit(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value must be finite, was NaN");
    }

    @Test
    void negativeOrNanSlopeIsRejected() {
        assertThatThrownBy(() -> new HeInit(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negativeSlope must be finite and >= 0, was -0.1");
        assertThatThrownBy(() -> new HeInit(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negativeSlope must be finite and >= 0, was NaN");
    }

    @Test
    void uniformBoundsMustBeOrdered() {
        assertThatThrownBy(() -> new UniformInit(1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lower must be < upper, was lower=1.0, upper=1.0");
        assertThatThrownBy(() -> new UniformInit(2, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lower must be < upper, was lower=2.0, upper=-1.0");
        assertThatThrownBy(() -> new UniformInit(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lower must be finite, was NaN");
        assertThatThrownBy(() -> UniformInit.symmetric(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be finite and > 0, was 0.0");
    }

    @Test
    void truncationBoundBelowHalfAStandardDeviationIsRejected() {
        assertThatThrownBy(() -> new TruncatedNormalInit(0, 1, 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bound must be finite and >= 0.5 standard deviations, was 0.1");
    }

    @Test
    void nullModeOrDistributionIsRejected() {
        assertThatThrownBy(() -> new VarianceScalingInit(1, null, InitDistribution.NORMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("mode must not be null");
        assertThatThrownBy(() -> new LeCunInit(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("distribution must not be null");
    }

    @Test
    void nonPositiveFanIsRejectedAtInitTime() {
        org.nd4j.linalg.api.ndarray.INDArray view = org.nd4j.linalg.factory.Nd4j.create(1, 4);
        assertThatThrownBy(() -> new HeInit().init(0, 2, new long[] {2, 2}, 'f', view))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fanIn must be finite and > 0 (DL4J passes it from the layer's nIn/nOut), was 0.0");
    }
}
