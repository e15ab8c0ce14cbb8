package org.dl4jinit.health;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
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
 *       saturated units) come from one Java pass over a bulk copy of the activations into a reused
 *       buffer.</li>
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
        double sumSq = squaredNorm(a);
        double sum = sum(a, n);
        if (!Double.isFinite(sum) || !Double.isFinite(sumSq)) {
            out[Figure.NON_FINITE_ACTIVATIONS.ordinal()] = 1;
            out[Figure.ACTIVATION_MEAN.ordinal()] = sum / n;
            return;
        }
        out[Figure.NON_FINITE_ACTIVATIONS.ordinal()] = 0;
        double mean = sum / n;
        out[Figure.ACTIVATION_MEAN.ordinal()] = mean;
        out[Figure.ACTIVATION_STD.ordinal()] = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        scan(a, n, info, margin, budget, rotation, out);
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
        // one unit's values are contiguous in runs of `run`; successive runs belong to successive units
        long inner = 1;
        if (a.ordering() == 'c') {
            for (int d = unitDim + 1; d < a.rank(); d++) {
                inner *= a.size(d);
            }
        } else {
            for (int d = 0; d < unitDim; d++) {
                inner *= a.size(d);
            }
        }
        int run = (int) inner;
        int window = n <= budget ? n : Math.max(run, (budget / run) * run);
        int runs = n / run;
        int firstRun = window == n ? 0 : (int) ((rotation * (window / run)) % runs);
        if ((long) firstRun * run + window > n) {
            firstRun = (n - window) / run;
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

        long zeros = 0;
        long saturated = 0;
        int u = firstRun % units;
        for (int start = 0; start < window; start += run) {
            float mx = maxAbs[u];
            float ex = extreme[u];
            for (int k = start; k < start + run; k++) {
                float x = v[k];
                float ax = Math.abs(x);
                mx = Math.max(mx, ax);
                zeros += x == 0f ? 1 : 0;
                if (symmetric) {
                    saturated += ax > limit ? 1 : 0;
                    ex = Math.min(ex, ax);
                } else if (unitInterval) {
                    saturated += x < limit || x > upper ? 1 : 0;
                    ex = Math.min(ex, x);
                } else if (lowBound) {
                    saturated += x <= limit ? 1 : 0;
                    ex = Math.max(ex, x);
                }
            }
            maxAbs[u] = mx;
            extreme[u] = ex;
            seen[u] = true;
            if (++u == units) {
                u = 0;
            }
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

    /** Elements [from, from + n) of the array in its own ordering, copied into a reused buffer. */
    private float[] copy(INDArray a, int from, int n) {
        if (values.length < n) {
            values = new float[n];
        }
        INDArray src = a;
        if (!Shape.hasDefaultStridesForShape(a) || a.elementWiseStride() != 1) {
            src = a.dup(a.ordering());
        }
        int offset = (int) src.offset() + from;
        if (src.dataType() == DataType.FLOAT) {
            FloatBuffer fb = src.data().asNioFloat();
            fb.position(offset);
            fb.get(values, 0, n);
        } else if (src.dataType() == DataType.DOUBLE) {
            DoubleBuffer db = src.data().asNioDouble();
            for (int i = 0; i < n; i++) {
                values[i] = (float) db.get(offset + i);
            }
        } else {
            INDArray f = src.castTo(DataType.FLOAT);
            FloatBuffer fb = f.data().asNioFloat();
            fb.position((int) f.offset() + from);
            fb.get(values, 0, n);
        }
        return values;
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
        int n = (int) a.length();
        double mean = sum(a, n) / n;
        return Math.sqrt(Math.max(0, squaredNorm(a) / n - mean * mean));
    }

    /** Σx as a BLAS dot product with a cached vector of ones (created outside any workspace). */
    private double sum(INDArray a, int n) {
        if (ones == null || ones.length() < n || ones.dataType() != a.dataType()) {
            try (org.nd4j.linalg.api.memory.MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                ones = Nd4j.ones(a.dataType(), Math.max(n, ones == null ? 0 : ones.length()));
            }
        }
        if (!Shape.hasDefaultStridesForShape(a) || a.elementWiseStride() < 1) {
            return a.sumNumber().doubleValue();
        }
        return Nd4j.getBlasWrapper().level1().dot(n, 1.0, a, ones);
    }

    /** Σx² of an array by BLAS dot (NaN/Inf propagate), any view or stride. */
    static double squaredNorm(INDArray x) {
        if (x.dataType() != DataType.FLOAT && x.dataType() != DataType.DOUBLE) {
            double norm = x.norm2Number().doubleValue();
            return norm * norm;
        }
        if (!Shape.hasDefaultStridesForShape(x) && x.elementWiseStride() < 1) {
            double norm = x.norm2Number().doubleValue();
            return norm * norm;
        }
        return Nd4j.getBlasWrapper().level1().dot(x.length(), 1.0, x, x);
    }
}
