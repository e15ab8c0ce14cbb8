package org.dl4jinit.health;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reduces a layer's activations and weight gradients to a handful of scalars, cheaply enough to run every
 * iteration.
 *
 * <p>Measured on DL4J/ND4J 1.0.0-M2.1 (CPU, one OpenMP thread): a single ND4J reduction op
 * ({@code sumNumber}, {@code norm2Number}, {@code amax(dim)}) on a [128, 256] float array costs about
 * 100 µs, mostly dispatch; OpenBLAS's {@code sdot} on 65,536 floats costs about 5 µs, and one Java pass over a
 * bulk copy of 32,768 floats about 10–30 µs. So:
 * <ul>
 *   <li>sums of squares (gradient, update and parameter norms; activation sum of squares) and the activation
 *       sum are BLAS dot products ({@code x·x}, {@code x·1}); NaN and Inf propagate into them, which is how
 *       non-finite values are detected at no extra cost;</li>
 *   <li>the counts (zero values, saturated values) and the per-unit extremes over the batch (for dead and
 *       saturated units) come from one Java pass over a bulk copy of at most {@code scanBudget} activation
 *       values into a reused buffer: a window of whole runs of one unit's values, whose start rotates with the
 *       iteration (exact when the layer has no more values than the budget);</li>
 *   <li>arrays are read in their memory order: DL4J's convolution outputs are permuted views
 *       ([b, c, h, w] over [c, b, h, w] memory), dense in memory, so no copy is made.</li>
 * </ul>
 * Nothing is kept from the arrays; the scratch buffers belong to one listener (one thread).
 */
final class LayerReducer {

    private float[] values = new float[0];
    private float[] unitMaxAbs = new float[0];
    private float[] unitExtreme = new float[0];
    private boolean[] unitSeen = new boolean[0];
    private INDArray ones;

    /**
     * Activation figures of one layer into {@code out}.
     *
     * @param a      the layer's output activations, [batch, units, ...] (or channels last)
     * @param info   the layer
     * @param margin the saturation margin
     * @param budget   values scanned for counts and per-unit extremes (see {@link #scan})
     * @param rotation where the scanned window starts (the iteration number)
     * @param out    figures, indexed by {@link Figure#ordinal()}
     */
    void activations(INDArray a, LayerInfo info, double margin, int budget, long rotation, double[] out) {
        long length = a.length();
        if (length > Integer.MAX_VALUE || a.rank() < 2) {
            return;
        }
        int n = (int) length;
        INDArray dense = dense(a);
        double[] meanStd = meanAndStd(dense, n);
        out[Figure.ACTIVATION_MEAN.ordinal()] = meanStd[0];
        if (Double.isNaN(meanStd[1])) {
            out[Figure.NON_FINITE_ACTIVATIONS.ordinal()] = 1;
            return;
        }
        out[Figure.NON_FINITE_ACTIVATIONS.ordinal()] = 0;
        out[Figure.ACTIVATION_STD.ordinal()] = meanStd[1];
        scan(dense, n, info, margin, budget, rotation, out);
    }

    /**
     * Zero and saturated counts, per-unit max |a| (dead units) and the family's per-unit extreme, over a window
     * of at most {@code budget} values: whole runs of one unit's contiguous values, starting at a position that
     * rotates with the iteration. A unit counts as dead (or saturated) if it is so in every observed value;
     * fractions of units are over the units observed. With {@code n <= budget} the window is the whole array
     * and every figure is exact.
     */
    private void scan(INDArray a, int n, LayerInfo info, double margin, int budget, long rotation, double[] out) {
        int unitDim = info.channelsLast() ? a.rank() - 1 : 1;
        int units = (int) a.size(unitDim);
        // a is dense in memory: walking its memory, one unit's values come in runs of stride(unit) and successive
        // runs belong to successive units (cyclically)
        int run = (int) a.stride(unitDim);
        int window = n <= budget ? n : Math.max(run, (budget / run) * run);
        int runs = n / run;
        if (run == 1 && window > units) {
            window = (window / units) * units; // whole examples
        }
        int firstRun = window == n ? 0 : (int) ((rotation * (window / run)) % runs);
        if ((long) firstRun * run + window > n) {
            firstRun = (n - window) / run;
        }
        if (run == 1 && window % units == 0) {
            firstRun -= firstRun % units;
        }
        float[] v = copy(a, firstRun * run, window);
        float[] maxAbs = unitBuffer(units);
        float[] extreme = unitExtreme;
        boolean[] seen = unitSeen;
        ActivationFamily family = info.family();
        boolean symmetric = family == ActivationFamily.SYMMETRIC;
        boolean unitInterval = family == ActivationFamily.UNIT_INTERVAL;
        boolean lowBound = family == ActivationFamily.RECTIFIER || family == ActivationFamily.LOWER_ASYMPTOTE;
        // the limit beyond which a value is saturated (see saturationLimit)
        float limit = (float) saturationLimit(info, margin);
        float upper = (float) (1 - margin);
        java.util.Arrays.fill(extreme, 0, units,
                symmetric || unitInterval ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY);

        long zeros;
        long saturated;
        if (run == 1 && window % units == 0 && firstRun % units == 0) {
            // units contiguous (a 'c'-order dense layer): whole examples, simple loops C2 can vectorize
            long[] counts = scanRows(v, window / units, units, maxAbs, extreme, seen, info, limit, upper);
            zeros = counts[0];
            saturated = counts[1];
        } else {
            long[] counts = scanRuns(v, window, run, firstRun % units, units, maxAbs, extreme, seen, info, limit,
                    upper);
            zeros = counts[0];
            saturated = counts[1];
        }
        int observed = 0;
        int dead = 0;
        int saturatedUnits = 0;
        for (int w = 0; w < units; w++) {
            if (!seen[w]) {
                continue;
            }
            observed++;
            dead += maxAbs[w] == 0f ? 1 : 0;
            if (symmetric) {
                saturatedUnits += extreme[w] > limit ? 1 : 0;
            } else if (unitInterval) {
                // all values near 0 (max < m) or all near 1 (min > 1 − m)
                saturatedUnits += maxAbs[w] < limit || extreme[w] > upper ? 1 : 0;
            } else if (lowBound) {
                saturatedUnits += extreme[w] <= limit ? 1 : 0;
            }
        }
        out[Figure.ZERO_FRACTION.ordinal()] = (double) zeros / window;
        out[Figure.DEAD_UNITS.ordinal()] = (double) dead / observed;
        if (family == ActivationFamily.NONE) {
            out[Figure.SATURATED_FRACTION.ordinal()] = Double.NaN;
            out[Figure.SATURATED_UNITS.ordinal()] = Double.NaN;
        } else {
            out[Figure.SATURATED_FRACTION.ordinal()] = (double) saturated / window;
            out[Figure.SATURATED_UNITS.ordinal()] = (double) saturatedUnits / observed;
        }
    }

    /**
     * Rows of {@code units} contiguous values: per-unit extremes in one pass, counts in a second, each a simple
     * loop without branches on the family inside.
     *
     * @return {zero count, saturated count}
     */
    private static long[] scanRows(float[] v, int rows, int units, float[] maxAbs, float[] extreme, boolean[] seen,
            LayerInfo info, float limit, float upper) {
        ActivationFamily family = info.family();
        for (int r = 0, base = 0; r < rows; r++, base += units) {
            switch (family) {
                case SYMMETRIC:
                    for (int u = 0; u < units; u++) {
                        float ax = Math.abs(v[base + u]);
                        maxAbs[u] = Math.max(maxAbs[u], ax);
                        extreme[u] = Math.min(extreme[u], ax);
                    }
                    break;
                case UNIT_INTERVAL:
                    for (int u = 0; u < units; u++) {
                        float x = v[base + u];
                        maxAbs[u] = Math.max(maxAbs[u], Math.abs(x));
                        extreme[u] = Math.min(extreme[u], x);
                    }
                    break;
                case RECTIFIER:
                case LOWER_ASYMPTOTE:
                    for (int u = 0; u < units; u++) {
                        float x = v[base + u];
                        maxAbs[u] = Math.max(maxAbs[u], Math.abs(x));
                        extreme[u] = Math.max(extreme[u], x);
                    }
                    break;
                default:
                    for (int u = 0; u < units; u++) {
                        maxAbs[u] = Math.max(maxAbs[u], Math.abs(v[base + u]));
                    }
                    break;
            }
        }
        java.util.Arrays.fill(seen, 0, units, true);
        return counts(v, rows * units, info, limit, upper);
    }

    /**
     * Runs of {@code run} values of one unit, successive runs cycling through the units.
     *
     * @return {zero count, saturated count}
     */
    private static long[] scanRuns(float[] v, int window, int run, int firstUnit, int units, float[] maxAbs,
            float[] extreme, boolean[] seen, LayerInfo info, float limit, float upper) {
        ActivationFamily family = info.family();
        int u = firstUnit;
        for (int start = 0; start < window; start += run) {
            float mx = maxAbs[u];
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            float loAbs = Float.POSITIVE_INFINITY;
            for (int k = start; k < start + run; k++) {
                float x = v[k];
                float ax = Math.abs(x);
                mx = Math.max(mx, ax);
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
                loAbs = Math.min(loAbs, ax);
            }
            maxAbs[u] = mx;
            switch (family) {
                case SYMMETRIC:
                    extreme[u] = Math.min(extreme[u], loAbs);
                    break;
                case UNIT_INTERVAL:
                    extreme[u] = Math.min(extreme[u], lo);
                    break;
                default:
                    extreme[u] = Math.max(extreme[u], hi);
                    break;
            }
            seen[u] = true;
            if (++u == units) {
                u = 0;
            }
        }
        return counts(v, window, info, limit, upper);
    }

    /** @return {values exactly zero, values saturated} among the first n */
    private static long[] counts(float[] v, int n, LayerInfo info, float limit, float upper) {
        long zeros = 0;
        long saturated = 0;
        switch (info.family()) {
            case SYMMETRIC:
                for (int i = 0; i < n; i++) {
                    float x = v[i];
                    zeros += x == 0f ? 1 : 0;
                    saturated += Math.abs(x) > limit ? 1 : 0;
                }
                break;
            case UNIT_INTERVAL:
                for (int i = 0; i < n; i++) {
                    float x = v[i];
                    zeros += x == 0f ? 1 : 0;
                    saturated += x < limit || x > upper ? 1 : 0;
                }
                break;
            case RECTIFIER:
            case LOWER_ASYMPTOTE:
                if (info.nonNegative() && info.family() == ActivationFamily.RECTIFIER) {
                    for (int i = 0; i < n; i++) {
                        zeros += v[i] == 0f ? 1 : 0;
                    }
                    saturated = zeros; // a non-negative rectifier's zero region is its zeros
                } else {
                    for (int i = 0; i < n; i++) {
                        float x = v[i];
                        zeros += x == 0f ? 1 : 0;
                        saturated += x <= limit ? 1 : 0;
                    }
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    zeros += v[i] == 0f ? 1 : 0;
                }
                break;
        }
        return new long[] {zeros, saturated};
    }

    /**
     * SYMMETRIC: |a| above bound·(1 − m); UNIT_INTERVAL: a below m (or above 1 − m); RECTIFIER: a ≤ 0;
     * LOWER_ASYMPTOTE: a ≤ asymptote·(1 − m) (softplus, asymptote 0: a ≤ m).
     */
    private static double saturationLimit(LayerInfo info, double margin) {
        switch (info.family()) {
            case SYMMETRIC:
                return info.bound() * (1 - margin);
            case UNIT_INTERVAL:
                return margin;
            case RECTIFIER:
                return 0;
            case LOWER_ASYMPTOTE:
                return info.bound() == 0 ? margin : info.bound() * (1 - margin);
            default:
                return Double.NaN;
        }
    }

    /** Memory positions [from, from + n) of a dense-in-memory float or double array, into a reused buffer. */
    private float[] copy(INDArray a, int from, int n) {
        if (values.length < n) {
            values = new float[n];
        }
        int offset = (int) a.offset() + from;
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer fb = a.data().asNioFloat();
            fb.position(offset);
            fb.get(values, 0, n);
        } else {
            DoubleBuffer db = a.data().asNioDouble();
            for (int i = 0; i < n; i++) {
                values[i] = (float) db.get(offset + i);
            }
        }
        return values;
    }

    /**
     * Whether the array occupies a contiguous block of memory of exactly its length, in any dimension order:
     * its strides, sorted, are those of a dense array (DL4J's permuted conv outputs are).
     */
    static boolean denseInMemory(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        Integer[] dims = new Integer[shape.length];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = d;
        }
        java.util.Arrays.sort(dims, (x, y) -> Long.compare(stride[x], stride[y]));
        long expected = 1;
        for (int d : dims) {
            if (shape[d] == 1) {
                continue;
            }
            if (stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return expected == a.length();
    }

    /** Whether BLAS can walk the array with unit stride as it is (no view needed). */
    private static boolean contiguous(INDArray a) {
        return a.elementWiseStride() == 1;
    }

    /** A rank-1 view of a dense-in-memory array's block (no copy). */
    private static INDArray flatView(INDArray dense) {
        return Nd4j.create(dense.data(), new long[] {dense.length()}, new long[] {1}, dense.offset(), 'c',
                dense.dataType());
    }

    /** Resets and returns the per-unit max |a| buffer (and sizes the extreme and seen buffers). */
    private float[] unitBuffer(int units) {
        if (unitMaxAbs.length < units) {
            unitMaxAbs = new float[units];
            unitExtreme = new float[units];
            unitSeen = new boolean[units];
        }
        java.util.Arrays.fill(unitMaxAbs, 0, units, 0f);
        java.util.Arrays.fill(unitSeen, 0, units, false);
        return unitMaxAbs;
    }

    /** The standard deviation of all elements (population), NaN if not finite. */
    double std(INDArray a) {
        if (a.length() > Integer.MAX_VALUE || a.length() == 0) {
            return Double.NaN;
        }
        return meanAndStd(dense(a), (int) a.length())[1];
    }

    /**
     * The array itself when BLAS can read its memory as it is laid out: float or double and dense in memory in
     * any dimension order (DL4J's conv outputs are permuted views, [b, c, h, w] over [c, b, h, w] memory);
     * otherwise a dense float copy (made once per call).
     */
    private static INDArray dense(INDArray a) {
        boolean blas = a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE;
        if (!blas) {
            return a.castTo(DataType.FLOAT).dup('c');
        }
        return denseInMemory(a) ? a : a.dup('c');
    }

    /**
     * Mean and population standard deviation of a dense array from two BLAS dot products (x·1, x·x) over its
     * memory; NaN or Inf anywhere makes the std NaN (non-finite values are detected at no extra cost).
     */
    private double[] meanAndStd(INDArray dense, int n) {
        INDArray flat = contiguous(dense) ? dense : flatView(dense);
        double sumSq = Nd4j.getBlasWrapper().level1().dot(n, 1.0, flat, flat);
        double mean = sum(flat, n) / n;
        if (!Double.isFinite(mean) || !Double.isFinite(sumSq)) {
            return new double[] {mean, Double.NaN};
        }
        return new double[] {mean, Math.sqrt(Math.max(0, sumSq / n - mean * mean))};
    }

    /** Σx of a rank-1 contiguous view as a BLAS dot product with a cached vector of ones (outside workspaces). */
    private double sum(INDArray flat, int n) {
        if (ones == null || ones.length() < n || ones.dataType() != flat.dataType()) {
            try (org.nd4j.linalg.api.memory.MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                ones = Nd4j.ones(flat.dataType(), Math.max(n, ones == null ? 0 : ones.length()));
            }
        }
        return Nd4j.getBlasWrapper().level1().dot(n, 1.0, flat, ones);
    }

    /** Σx² of an array: a BLAS dot product over its memory when dense (NaN/Inf propagate), else ND4J's norm2. */
    static double squaredNorm(INDArray x) {
        boolean blas = x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE;
        if (!blas || x.length() > Integer.MAX_VALUE || !denseInMemory(x)) {
            double norm = x.norm2Number().doubleValue();
            return norm * norm;
        }
        INDArray flat = contiguous(x) ? x : flatView(x);
        return Nd4j.getBlasWrapper().level1().dot(flat.length(), 1.0, flat, flat);
    }
}
