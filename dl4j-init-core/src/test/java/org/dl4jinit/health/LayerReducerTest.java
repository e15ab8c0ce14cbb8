package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reducer against a brute-force reference, for every activation family and the memory layouts DL4J hands
 * to listeners: 'c' and 'f' dense activations and permuted conv outputs ([b, c, h, w] over [c, b, h, w]).
 */
class LayerReducerTest {

    static Stream<Arguments> cases() {
        IActivation[] fns = {new ActivationTanH(), new ActivationSigmoid(), new ActivationReLU(),
            new ActivationLReLU(0.1), new ActivationELU(), new ActivationIdentity()};
        String[] layouts = {"c", "f", "permuted"};
        Stream.Builder<Arguments> b = Stream.builder();
        for (IActivation fn : fns) {
            for (String layout : layouts) {
                b.add(Arguments.of(fn, layout));
            }
        }
        return b.build();
    }

    /** Activations with exact zeros, saturated values and some dead units, in the given layout. */
    private static INDArray activations(IActivation fn, String layout) {
        Nd4j.getRandom().setSeed(3);
        INDArray z = "permuted".equals(layout) ? Nd4j.randn(DataType.FLOAT, 6, 5, 4, 3).muli(3)
                : Nd4j.randn(DataType.FLOAT, 'c', 40, 7).muli(3);
        if (z.rank() == 2) {
            z.getColumn(2).assign(-5); // a unit negative for every example: dead for ReLU, saturated for tanh
        } else {
            z.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(1))
                    .assign(-5);
        }
        INDArray a = fn.getActivation(z.dup(), false);
        if ("f".equals(layout)) {
            return a.dup('f');
        }
        if ("permuted".equals(layout)) {
            // DL4J's conv output: memory [c, b, h, w], viewed as [b, c, h, w]
            return a.permute(1, 0, 2, 3).dup('c').permute(1, 0, 2, 3);
        }
        return a;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void exactWithinBudgetMatchesBruteForce(IActivation fn, String layout) {
        INDArray a = activations(fn, layout);
        LayerInfo info = new LayerInfo(0, "0", "T", fn, 1, false, new String[0], new String[0], true, false, false);
        double[] out = new double[Figure.count()];
        new LayerReducer().activations(a, info, 0.02, Integer.MAX_VALUE, 0, out);

        INDArray c = a.dup('c');
        float[] v = c.data().asFloat();
        int units = (int) a.size(1);
        int per = (int) (a.length() / a.size(0) / units);
        double sum = 0;
        double sq = 0;
        int zeros = 0;
        int sat = 0;
        float limit = (float) saturationLimit(info);
        boolean[] alive = new boolean[units];
        boolean[] unsaturated = new boolean[units];
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            int u = (i / per) % units;
            sum += x;
            sq += (double) x * x;
            zeros += x == 0 ? 1 : 0;
            boolean s = saturated(info, x, limit);
            sat += s ? 1 : 0;
            alive[u] |= x != 0;
            unsaturated[u] |= !s;
        }
        int dead = 0;
        int satUnits = 0;
        for (int u = 0; u < units; u++) {
            dead += alive[u] ? 0 : 1;
            satUnits += unsaturated[u] ? 0 : 1;
        }
        double n = v.length;
        assertThat(out[Figure.ACTIVATION_MEAN.ordinal()]).isCloseTo(sum / n, within(1e-5));
        assertThat(out[Figure.ACTIVATION_STD.ordinal()]).isCloseTo(Math.sqrt(sq / n - (sum / n) * (sum / n)),
                within(1e-4));
        assertThat(out[Figure.ZERO_FRACTION.ordinal()]).isEqualTo(zeros / n);
        assertThat(out[Figure.DEAD_UNITS.ordinal()]).isEqualTo((double) dead / units);
        if (info.family() == ActivationFamily.NONE) {
            assertThat(out[Figure.SATURATED_FRACTION.ordinal()]).isNaN();
        } else {
            assertThat(out[Figure.SATURATED_FRACTION.ordinal()]).isEqualTo(sat / n);
            assertThat(out[Figure.SATURATED_UNITS.ordinal()]).isEqualTo((double) satUnits / units);
        }
        assertThat(out[Figure.NON_FINITE_ACTIVATIONS.ordinal()]).isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aSmallBudgetEstimatesTheFractionsAndSeesEveryValueOverIterations(IActivation fn, String layout) {
        INDArray a = activations(fn, layout);
        LayerInfo info = new LayerInfo(0, "0", "T", fn, 1, false, new String[0], new String[0], true, false, false);
        double[] exact = new double[Figure.count()];
        LayerReducer reducer = new LayerReducer();
        reducer.activations(a, info, 0.02, Integer.MAX_VALUE, 0, exact);
        int budget = (int) (a.length() / 4);
        double zeroSum = 0;
        int rounds = 0;
        // windows rotate: over enough iterations the mean of the sampled fractions is the exact fraction
        for (long it = 0; it < 400; it++) {
            double[] out = new double[Figure.count()];
            reducer.activations(a, info, 0.02, budget, it, out);
            assertThat(out[Figure.ACTIVATION_STD.ordinal()]).isEqualTo(exact[Figure.ACTIVATION_STD.ordinal()]);
            assertThat(out[Figure.DEAD_UNITS.ordinal()]).isBetween(0.0, 1.0);
            zeroSum += out[Figure.ZERO_FRACTION.ordinal()];
            rounds++;
        }
        assertThat(zeroSum / rounds).isCloseTo(exact[Figure.ZERO_FRACTION.ordinal()], within(0.02));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void nanIsReportedAsNonFinite(IActivation fn, String layout) {
        INDArray a = activations(fn, layout).dup('c');
        a.putScalar(3, Double.NaN);
        LayerInfo info = new LayerInfo(0, "0", "T", fn, 1, false, new String[0], new String[0], true, false, false);
        double[] out = new double[Figure.count()];
        new LayerReducer().activations(a, info, 0.02, 8192, 0, out);
        assertThat(out[Figure.NON_FINITE_ACTIVATIONS.ordinal()]).isEqualTo(1.0);
    }

    @org.junit.jupiter.api.Test
    void halfPrecisionActivationsAreReducedLikeTheirFloatValues() {
        INDArray f = activations(new ActivationTanH(), "c");
        INDArray h = f.castTo(DataType.HALF);
        LayerInfo info = new LayerInfo(0, "0", "T", new ActivationTanH(), 1, false, new String[0], new String[0], true,
                false, false);
        double[] fromHalf = new double[Figure.count()];
        double[] fromFloat = new double[Figure.count()];
        new LayerReducer().activations(h, info, 0.02, Integer.MAX_VALUE, 0, fromHalf);
        new LayerReducer().activations(h.castTo(DataType.FLOAT), info, 0.02, Integer.MAX_VALUE, 0, fromFloat);
        assertThat(fromHalf).containsExactly(fromFloat);
        assertThat(fromHalf[Figure.ACTIVATION_STD.ordinal()]).isCloseTo(f.stdNumber().doubleValue(), within(1e-2));
    }

    private static double saturationLimit(LayerInfo info) {
        switch (info.family()) {
            case SYMMETRIC:
                return info.bound() * 0.98;
            case UNIT_INTERVAL:
                return 0.02;
            case RECTIFIER:
                return 0;
            case LOWER_ASYMPTOTE:
                return info.bound() * 0.98;
            default:
                return Double.NaN;
        }
    }

    private static boolean saturated(LayerInfo info, float x, float limit) {
        switch (info.family()) {
            case SYMMETRIC:
                return Math.abs(x) > limit;
            case UNIT_INTERVAL:
                return x < limit || x > 1 - 0.02f;
            case RECTIFIER:
            case LOWER_ASYMPTOTE:
                return x <= limit;
            default:
                return false;
        }
    }
}
