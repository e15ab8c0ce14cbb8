package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One definition of "saturated": {@link ActivationFamily#saturationSide}, used by the signal-propagation analysis,
 * counts exactly what the listener's reducer counts, for every family.
 */
class SaturationDefinitionTest {

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> activations() {
        return java.util.stream.Stream.of(new org.nd4j.linalg.activations.impl.ActivationTanH(),
                new org.nd4j.linalg.activations.impl.ActivationSigmoid(),
                new org.nd4j.linalg.activations.impl.ActivationReLU(),
                new org.nd4j.linalg.activations.impl.ActivationLReLU(0.1),
                new org.nd4j.linalg.activations.impl.ActivationELU(),
                new org.nd4j.linalg.activations.impl.ActivationSELU(),
                new org.nd4j.linalg.activations.impl.ActivationSoftPlus(),
                new org.nd4j.linalg.activations.impl.ActivationHardTanH(),
                new org.nd4j.linalg.activations.impl.ActivationRationalTanh())
                .map(org.junit.jupiter.params.provider.Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void saturationSideCountsWhatTheReducerCounts(IActivation fn) {
        Nd4j.getRandom().setSeed(5);
        INDArray a = fn.getActivation(Nd4j.randn(DataType.FLOAT, 64, 50).muli(4), false);
        LayerInfo info = new LayerInfo(0, "0", "T", fn, 1, false, new String[0], new String[0], true, false, false);
        double[] out = new double[Figure.count()];
        java.util.Arrays.fill(out, Double.NaN);
        double margin = HealthThresholds.defaults().saturationMargin();
        new LayerReducer().activations(a, info, margin, true, out);

        float[] v = a.data().asFloat();
        long saturated = 0;
        for (float x : v) {
            saturated += ActivationFamily.saturationSide(fn, x, margin) != 0 ? 1 : 0;
        }
        assertThat(out[Figure.SATURATED_FRACTION.ordinal()]).isCloseTo((double) saturated / v.length, within(1e-12));
    }
}
