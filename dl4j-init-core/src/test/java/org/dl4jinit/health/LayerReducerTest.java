package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The reducer against an exhaustive double-precision reference ({@link Exhaustive}) on the memory layouts DL4J
 * hands to listeners — dense 'c' and 'f', conv outputs as permuted views ([b, c, h, w] over [c, b, h, w]),
 * plain NCHW, channels last, recurrent [b, units, t] in 'c' and 'f' order and channels last, a view with an
 * offset — for every activation family, on layers of odd sizes and on layers of tens of thousands of values.
 */
class LayerReducerTest {

    private static final double MARGIN = 0.02;
    private static final IActivation[] FUNCTIONS = {new ActivationTanH(), new ActivationSigmoid(),
        new ActivationReLU(), new ActivationLReLU(0.1), new ActivationELU(), new ActivationSoftPlus(),
        new ActivationIdentity()};

    /** How a layer's activations are laid out in memory. */
    enum Layout {
        DENSE_C, DENSE_F, DENSE_OFFSET_VIEW, CONV_PERMUTED, CONV_NCHW, CONV_NHWC, RNN_C, RNN_F, RNN_NWC;

        boolean channelsLast() {
            return this == CONV_NHWC || this == RNN_NWC;
        }
    }

    /**
     * Activations of {@code batch} examples of {@code units} units (times {@code spatial}×3 positions for conv,
     * {@code spatial} time steps for recurrent layouts) in a layout. Unit u's pre-activations are N(shift(u), 1)
     * with shifts spread over [−3, 2], so the units' zero and saturated fractions differ widely (a window over a
     * few units is biased); unit 1 is pushed to −30: dead for rectifiers, saturated for bounded functions; the
     * first {@code dead} units are zero.
     */
    static INDArray activations(IActivation fn, Layout layout, int batch, int units, int spatial, int dead,
            long seed) {
        Nd4j.getRandom().setSeed(seed);
        boolean dense = layout.name().startsWith("DENSE");
        boolean conv = layout.name().startsWith("CONV");
        long[] shape = dense ? new long[] {batch, units} : conv ? new long[] {batch, units, spatial, 3}
                : new long[] {batch, units, spatial};
        INDArray z = Nd4j.randn(DataType.FLOAT, shape);
        for (int u = 0; u < units; u++) {
            INDArray unit = z.get(NDArrayIndex.all(), NDArrayIndex.point(u));
            unit.addi(u == 1 ? -30 : -3 + 5.0 * u / Math.max(1, units - 1));
        }
        INDArray a = fn.getActivation(z, false);
        for (int u = 0; u < dead; u++) {
            a.get(NDArrayIndex.all(), NDArrayIndex.point(u)).assign(0);
        }
        switch (layout) {
            case DENSE_F:
            case RNN_F:
                return a.dup('f');
            case DENSE_OFFSET_VIEW: {
                INDArray bigger = Nd4j.zeros(DataType.FLOAT, batch + 5, units);
                bigger.get(NDArrayIndex.interval(3, 3 + batch), NDArrayIndex.all()).assign(a);
                return bigger.get(NDArrayIndex.interval(3, 3 + batch), NDArrayIndex.all());
            }
            case CONV_PERMUTED:
                // DL4J's conv output: memory [c, b, h, w], viewed as [b, c, h, w]
                return a.permute(1, 0, 2, 3).dup('c').permute(1, 0, 2, 3);
            case CONV_NHWC:
                return a.permute(0, 2, 3, 1).dup('c');
            case RNN_NWC:
                return a.permute(0, 2, 1).dup('c');
            default:
                return a;
        }
    }

    static INDArray activations(IActivation fn, Layout layout, int batch, int units, int spatial, long seed) {
        return activations(fn, layout, batch, units, spatial, 0, seed);
    }

    static LayerInfo info(IActivation fn, boolean channelsLast) {
        return new LayerInfo(0, "0", "T", fn, 1, channelsLast, new String[0], new String[0], true, false, false);
    }

    static Stream<Arguments> everyLayoutAndFunction() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (IActivation fn : FUNCTIONS) {
            for (Layout layout : Layout.values()) {
                b.add(Arguments.of(fn, layout));
            }
        }
        return b.build();
    }

    private static double[] reduce(INDArray a, LayerInfo info) {
        double[] out = new double[Figure.count()];
        java.util.Arrays.fill(out, Double.NaN);
        new LayerReducer().activations(a, info, MARGIN, true, out);
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyLayoutAndFunction")
    void everyFigureIsTheExhaustiveScansForSmallAndLargeLayers(IActivation fn, Layout layout) {
        // odd sizes (13 examples, 7 units, 5×3 positions) and a layer of 92,160 (conv) or 48,000 / 76,800 values
        // whose units' fractions differ widely, where a window over a few units was biased
        boolean isDense = layout.name().startsWith("DENSE");
        INDArray[] layers = {activations(fn, layout, 13, 7, 5, 3), isDense ? activations(fn, layout, 4000, 12, 1, 5)
            : activations(fn, layout, 64, 12, layout.name().startsWith("CONV") ? 40 : 100, 5)};
        for (INDArray a : layers) {
            LayerInfo info = info(fn, layout.channelsLast());
            Exhaustive exact = Exhaustive.of(a, info, MARGIN);
            double[] out = reduce(a, info);
            assertThat(out[Figure.ACTIVATION_MEAN.ordinal()]).isCloseTo(exact.mean, within(1e-9 + 1e-5 * exact.std));
            assertThat(out[Figure.ACTIVATION_STD.ordinal()]).isCloseTo(exact.std, within(1e-5 * exact.std));
            assertThat(out[Figure.ZERO_FRACTION.ordinal()]).isEqualTo(exact.zeroFraction);
            assertThat(out[Figure.DEAD_UNITS.ordinal()]).isEqualTo(exact.deadUnits);
            if (info.family() == ActivationFamily.NONE) {
                assertThat(out[Figure.SATURATED_FRACTION.ordinal()]).isNaN();
                assertThat(out[Figure.SATURATED_UNITS.ordinal()]).isNaN();
            } else {
                assertThat(out[Figure.SATURATED_FRACTION.ordinal()]).isEqualTo(exact.saturatedFraction);
                assertThat(out[Figure.SATURATED_UNITS.ordinal()]).isEqualTo(exact.saturatedUnits);
            }
            assertThat(out[Figure.NON_FINITE_ACTIVATIONS.ordinal()]).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Layout.class)
    void aLayerMostlyOfDeadUnitsHasExactUnitFiguresInEveryLayout(Layout layout) {
        // reading every dead unit's values one by one costs more than counting: the per-unit scan gives way to counts
        IActivation relu = new ActivationReLU();
        INDArray a = layout.name().startsWith("DENSE") ? activations(relu, layout, 2000, 12, 1, 8, 13)
                : activations(relu, layout, 64, 12, 40, 8, 13);
        LayerInfo info = info(relu, layout.channelsLast());
        Exhaustive exact = Exhaustive.of(a, info, MARGIN);
        double[] out = reduce(a, info);
        assertThat(out[Figure.DEAD_UNITS.ordinal()]).isEqualTo(exact.deadUnits).isEqualTo(8 / 12.0);
        assertThat(out[Figure.SATURATED_UNITS.ordinal()]).isEqualTo(exact.saturatedUnits);
        assertThat(out[Figure.ZERO_FRACTION.ordinal()]).isEqualTo(exact.zeroFraction);
    }

    @ParameterizedTest(name = "spread {0}")
    @ValueSource(doubles = {1e-2, 1e-3, 1e-4})
    void stdOfSigmoidUnitsNearOneHalfIsExactToOnePercent(double spread) {
        IActivation sigmoid = new ActivationSigmoid();
        for (Layout layout : new Layout[] {Layout.DENSE_C, Layout.CONV_PERMUTED}) {
            Nd4j.getRandom().setSeed(17);
            // σ'(0) = 1/4: z ~ N(0, 4s) gives outputs 0.5 ± s
            INDArray z = layout == Layout.DENSE_C ? Nd4j.randn(DataType.FLOAT, 256, 512)
                    : Nd4j.randn(DataType.FLOAT, 64, 20, 24, 24);
            INDArray a = sigmoid.getActivation(z.muli(4 * spread), false);
            if (layout == Layout.CONV_PERMUTED) {
                a = a.permute(1, 0, 2, 3).dup('c').permute(1, 0, 2, 3);
            }
            LayerInfo info = info(sigmoid, false);
            Exhaustive exact = Exhaustive.of(a, info, MARGIN);
            assertThat(exact.std).isCloseTo(spread, within(0.1 * spread));
            double[] out = reduce(a, info);
            assertThat(out[Figure.ACTIVATION_STD.ordinal()]).as(layout.name())
                    .isCloseTo(exact.std, within(0.01 * exact.std));
            assertThat(new LayerReducer().std(a)).isCloseTo(exact.std,
                    within(0.01 * exact.std));
        }
    }

    @Test
    void aFirstShiftFarFromTheMeanIsCorrectedSoTheStdStaysExact() {
        // 0.5 ± 1e-4 everywhere but at the evenly spread values the first shift is taken from, which are 10
        int n = 1 << 20;
        float[] v = new float[n];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.5 + 1e-4 * random.nextGaussian());
        }
        for (int j = 0; j < 32; j++) {
            v[(int) ((2L * j + 1) * n / 64)] = 10f;
        }
        INDArray a = Nd4j.createFromArray(v).reshape(1024, 1024);
        LayerInfo info = info(new ActivationSigmoid(), false);
        Exhaustive exact = Exhaustive.of(a, info, MARGIN);
        double[] out = reduce(a, info);
        // condition number ≈ 3e4 around the first shift: its sums alone are off by ≈ 1e-4 here, the second pass's
        // by ≈ 1e-8
        assertThat(out[Figure.ACTIVATION_STD.ordinal()]).isCloseTo(exact.std, within(1e-6 * exact.std));
        assertThat(out[Figure.ACTIVATION_MEAN.ordinal()]).isCloseTo(exact.mean, within(1e-6 * exact.std));
    }

    @Test
    void constantAndSingleUnitLayersAreReducedExactly() {
        LayerInfo relu = info(new ActivationReLU(), false);
        double[] zeros = reduce(Nd4j.zeros(DataType.FLOAT, 16, 8, 3, 3), relu);
        assertThat(zeros[Figure.ACTIVATION_STD.ordinal()]).isZero();
        assertThat(zeros[Figure.ZERO_FRACTION.ordinal()]).isEqualTo(1.0);
        assertThat(zeros[Figure.DEAD_UNITS.ordinal()]).isEqualTo(1.0);
        double[] constant = reduce(Nd4j.valueArrayOf(new long[] {16, 8}, 0.25f, DataType.FLOAT), relu);
        assertThat(constant[Figure.ACTIVATION_MEAN.ordinal()]).isEqualTo(0.25);
        assertThat(constant[Figure.ACTIVATION_STD.ordinal()]).isZero();
        assertThat(constant[Figure.DEAD_UNITS.ordinal()]).isZero();

        INDArray single = activations(new ActivationTanH(), Layout.DENSE_C, 300, 1, 1, 7);
        LayerInfo tanh = info(new ActivationTanH(), false);
        Exhaustive exact = Exhaustive.of(single, tanh, MARGIN);
        double[] out = reduce(single, tanh);
        assertThat(out[Figure.SATURATED_FRACTION.ordinal()]).isEqualTo(exact.saturatedFraction);
        assertThat(out[Figure.SATURATED_UNITS.ordinal()]).isEqualTo(exact.saturatedUnits);
        assertThat(out[Figure.ACTIVATION_STD.ordinal()]).isCloseTo(exact.std, within(1e-5 * exact.std));
    }

    @Test
    void hugeFiniteFloatsAreReducedNotCalledNonFinite() {
        // a He MLP at learning rate 10 reaches |a| ≈ 3e19 at iteration 3; float sums of squares overflow there
        Nd4j.getRandom().setSeed(5);
        IActivation relu = new ActivationReLU();
        INDArray a = relu.getActivation(Nd4j.randn(DataType.FLOAT, 128, 256).muli(3e19f), false);
        a.putScalar(0, 7, 3.0e38f);
        LayerInfo info = info(relu, false);
        Exhaustive exact = Exhaustive.of(a, info, MARGIN);

        double[] out = reduce(a, info);
        assertThat(out[Figure.NON_FINITE_ACTIVATIONS.ordinal()]).isZero();
        assertThat(out[Figure.ACTIVATION_STD.ordinal()]).isCloseTo(exact.std, within(1e-9 * exact.std));
        assertThat(out[Figure.ACTIVATION_MEAN.ordinal()]).isCloseTo(exact.mean, within(1e-9 * exact.std));
        assertThat(out[Figure.ZERO_FRACTION.ordinal()]).isEqualTo(exact.zeroFraction);
        double sumSq = exact.sumOfSquares;
        assertThat(LayerReducer.squaredNorm(a)).isCloseTo(sumSq, within(1e-9 * sumSq));
        assertThat(LayerReducer.squaredNorm(a.permute(1, 0))).isCloseTo(sumSq, within(1e-9 * sumSq));
    }

    @Test
    void hugeFiniteDoublesAreReducedNotCalledNonFinite() {
        Nd4j.getRandom().setSeed(5);
        INDArray a = Nd4j.randn(DataType.DOUBLE, 64, 32).muli(1e200);
        LayerInfo info = info(new ActivationIdentity(), false);
        double[] v = a.dup('c').data().asDouble();
        double mean = 0;
        for (double x : v) {
            mean += x / 1e200;
        }
        mean /= v.length;
        double var = 0;
        for (double x : v) {
            var += (x / 1e200 - mean) * (x / 1e200 - mean);
        }
        double std = 1e200 * Math.sqrt(var / v.length);

        double[] out = reduce(a, info);
        assertThat(out[Figure.NON_FINITE_ACTIVATIONS.ordinal()]).isZero();
        assertThat(out[Figure.ACTIVATION_STD.ordinal()]).isCloseTo(std, within(1e-9 * std));
        // Σx² ≈ 2e403 exceeds the double range: +Inf, not NaN (NaN means NaN/Inf values)
        assertThat(LayerReducer.squaredNorm(a)).isEqualTo(Double.POSITIVE_INFINITY);
        a.putScalar(3, Double.POSITIVE_INFINITY);
        assertThat(LayerReducer.squaredNorm(a)).isNaN();
        assertThat(reduce(a, info)[Figure.NON_FINITE_ACTIVATIONS.ordinal()])
                .isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void nanOrInfiniteValuesAreNonFiniteInEveryLayout(float bad) {
        for (Layout layout : Layout.values()) {
            INDArray a = activations(new ActivationTanH(), layout, 13, 7, 5, 3);
            a.putScalar(a.length() - 1, bad);
            double[] out = reduce(a, info(new ActivationTanH(), layout.channelsLast()));
            assertThat(out[Figure.NON_FINITE_ACTIVATIONS.ordinal()]).as(layout.name()).isEqualTo(1.0);
            assertThat(LayerReducer.squaredNorm(a)).as(layout.name()).isNaN();
        }
    }

    @Test
    void squaredNormsAreSumsOfSquaresInEveryLayoutAndType() {
        INDArray a = activations(new ActivationTanH(), Layout.CONV_PERMUTED, 13, 7, 5, 3);
        double expected = Exhaustive.of(a, info(new ActivationTanH(), false), MARGIN).sumOfSquares;
        INDArray rows = activations(new ActivationTanH(), Layout.DENSE_OFFSET_VIEW, 13, 7, 1, 3);
        assertThat(rows.offset()).isPositive();
        for (INDArray x : new INDArray[] {a, a.dup('c'), a.dup('f'), a.castTo(DataType.DOUBLE),
            a.castTo(DataType.HALF), a.get(NDArrayIndex.interval(2, 9), NDArrayIndex.all()), rows,
            rows.castTo(DataType.DOUBLE)}) {
            double want = x.length() == a.length() ? expected
                    : Exhaustive.of(x, info(new ActivationTanH(), false), MARGIN).sumOfSquares;
            // float BLAS accumulation of positive terms (no cancellation); half precision rounds the values
            double tolerance = x.dataType() == DataType.HALF ? 1e-2 : x.dataType() == DataType.FLOAT ? 1e-5 : 1e-12;
            assertThat(LayerReducer.squaredNorm(x)).isCloseTo(want, within(tolerance * want));
        }
    }

    @Test
    void halfPrecisionActivationsAreReducedLikeTheirFloatValues() {
        INDArray f = activations(new ActivationTanH(), Layout.DENSE_C, 40, 7, 1, 3);
        INDArray h = f.castTo(DataType.HALF);
        LayerInfo info = info(new ActivationTanH(), false);
        double[] fromHalf = reduce(h, info);
        double[] fromFloat = reduce(h.castTo(DataType.FLOAT), info);
        assertThat(fromHalf).containsExactly(fromFloat);
        assertThat(fromHalf[Figure.ACTIVATION_STD.ordinal()]).isCloseTo(f.stdNumber().doubleValue(), within(1e-2));
    }

    /**
     * The figures by brute force, in double, over the array's logical elements: the reference the reducer is
     * held to. A value is compared in float precision against the float saturation limit, as DL4J's float
     * activations are.
     */
    static final class Exhaustive {
        double mean;
        double std;
        double sumOfSquares;
        double zeroFraction;
        double saturatedFraction;
        double deadUnits;
        double saturatedUnits;

        static Exhaustive of(INDArray a, LayerInfo info, double margin) {
            double[] v = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            int unitDim = info.channelsLast() ? a.rank() - 1 : 1;
            int units = (int) a.size(unitDim);
            long inner = 1;
            for (int d = unitDim + 1; d < a.rank(); d++) {
                inner *= a.size(d);
            }
            Exhaustive e = new Exhaustive();
            double sum = 0;
            for (double x : v) {
                sum += x;
                e.sumOfSquares += x * x;
            }
            e.mean = sum / v.length;
            double squares = 0;
            for (double x : v) {
                squares += (x - e.mean) * (x - e.mean);
            }
            e.std = Math.sqrt(squares / v.length);
            boolean[] alive = new boolean[units];
            boolean[] unsaturated = new boolean[units];
            long zeros = 0;
            long saturated = 0;
            for (int i = 0; i < v.length; i++) {
                float x = (float) v[i];
                int u = (int) ((i / inner) % units);
                boolean s = saturated(info, x, margin);
                zeros += x == 0 ? 1 : 0;
                saturated += s ? 1 : 0;
                alive[u] |= x != 0;
                unsaturated[u] |= !s;
            }
            int dead = 0;
            int saturatedUnits = 0;
            for (int u = 0; u < units; u++) {
                dead += alive[u] ? 0 : 1;
                saturatedUnits += unsaturated[u] ? 0 : 1;
            }
            e.zeroFraction = (double) zeros / v.length;
            e.saturatedFraction = (double) saturated / v.length;
            e.deadUnits = (double) dead / units;
            e.saturatedUnits = (double) saturatedUnits / units;
            return e;
        }

        /** The regions of {@link ActivationFamily}'s table, compared in float. */
        static boolean saturated(LayerInfo info, float x, double margin) {
            switch (info.family()) {
                case SYMMETRIC:
                    return Math.abs(x) > (float) (info.bound() * (1 - margin));
                case UNIT_INTERVAL:
                    return x < (float) margin || x > (float) (1 - margin);
                case RECTIFIER:
                    return x <= 0;
                case LOWER_ASYMPTOTE:
                    return x <= (float) (info.bound() == 0 ? margin : info.bound() * (1 - margin));
                default:
                    return false;
            }
        }
    }
}
