package org.dl4jinit.propagation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.dl4jinit.health.ActivationFamily;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationPReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Evaluates a DL4J activation function itself, {@code IActivation.getActivation} for f(z) and
 * {@code IActivation.backprop} for f'(z), in double precision and training mode (as in {@code fit}), on many
 * points per call; so a custom {@code IActivation} is analysed like a built-in one. Element-wise functions only:
 * softmax and PReLU (a per-unit parameter array) are refused with the reason.
 *
 * <p>It also finds, once per activation, margin and data type (cached), the sets of z where the output is
 * exactly zero when computed in the network's data type (ND4J's float tanh is 0 for |z| below about 3e-8, a
 * float ReLU below 7e-46) and where it is saturated by {@link ActivationFamily#saturationSide}:
 * unions of intervals, located on a grid of about 9,000 points (|z| from 1e-320 to 1e8 on a log scale and every
 * 1/32 in [−64, 64]) and refined by bisection to adjacent doubles. Beyond |z| = 1e8 the state at the grid's end
 * is assumed to hold. Two crossings between adjacent grid points would be missed; no DL4J activation has one.
 */
final class ActivationProbe {

    private static final Map<Key, Regions> REGIONS = new ConcurrentHashMap<>();
    private static final Map<Key, Table> TABLES = new ConcurrentHashMap<>();
    private static final double[] GRID = grid();
    /** The table's half-width and step: f and f' every 1/256 on [−64, 64]. */
    static final double TABLE_LIMIT = 64;
    static final double TABLE_STEP = 1.0 / 256;
    /** Below this scale (σ of the nodes) the table's cells are too coarse and f is evaluated directly. */
    static final double TABLE_MIN_SCALE = 0.05;

    private final IActivation fn;

    private ActivationProbe(IActivation fn) {
        this.fn = fn;
    }

    /**
     * @param fn an element-wise activation
     * @return the probe, or null with the reason in {@code why[0]} if the function is not element-wise
     */
    static ActivationProbe of(IActivation fn, String[] why) {
        if (fn == null) {
            return new ActivationProbe(new ActivationIdentity());
        }
        if (fn instanceof ActivationSoftmax) {
            why[0] = "softmax is not element-wise: it normalizes across the units";
            return null;
        }
        if (fn instanceof ActivationPReLU) {
            why[0] = "PReLU has a learned slope per unit";
            return null;
        }
        return new ActivationProbe(fn);
    }

    /** @return the function */
    IActivation function() {
        return fn;
    }

    /** @return f(z) for every z, in double precision (a new array) */
    double[] values(double[] z) {
        return values(z, DataType.DOUBLE);
    }

    /** @return f(z) for every z computed in the given data type, as the network computes it (a new array) */
    double[] values(double[] z, DataType dataType) {
        if (z.length == 0) {
            return z;
        }
        INDArray in = Nd4j.createFromArray(z.clone()).reshape(1, z.length);
        if (dataType != DataType.DOUBLE) {
            in = in.castTo(dataType);
        }
        INDArray out = fn.getActivation(in, true);
        return out.castTo(DataType.DOUBLE).data().asDouble();
    }

    /**
     * f and f' at every z into {@code f} and {@code d}: from a table of f and f' every 1/256 on [−64, 64] made once
     * per activation (f by cubic Hermite interpolation with f' as slopes, f' by Catmull–Rom interpolation; absolute
     * errors below 1e-9 and 1e-7 for the activations of DL4J, measured in {@code QuadratureTest}), except where the
     * table cannot be trusted, where the activation is evaluated directly: in the cells next to a kink (f' jumps),
     * outside the table, and for nodes spread over less than {@value #TABLE_MIN_SCALE} (tiny scales, where
     * relative accuracy needs the function itself).
     *
     * @param z     the points
     * @param scale the spread of the points (σ of the Gaussian they come from)
     * @param f     out: f(z)
     * @param d     out: f'(z)
     */
    void evaluate(double[] z, double scale, double[] f, double[] d) {
        if (!(scale >= TABLE_MIN_SCALE)) {
            System.arraycopy(values(z), 0, f, 0, z.length);
            System.arraycopy(derivatives(z), 0, d, 0, z.length);
            return;
        }
        Table t = TABLES.computeIfAbsent(new Key(fn, 0, DataType.DOUBLE), k -> new Table(this));
        int[] direct = new int[z.length];
        int n = 0;
        for (int i = 0; i < z.length; i++) {
            if (!t.interpolate(z[i], f, d, i)) {
                direct[n++] = i;
            }
        }
        if (n > 0) {
            double[] x = new double[n];
            for (int k = 0; k < n; k++) {
                x[k] = z[direct[k]];
            }
            double[] fx = values(x);
            double[] dx = derivatives(x);
            for (int k = 0; k < n; k++) {
                f[direct[k]] = fx[k];
                d[direct[k]] = dx[k];
            }
        }
    }

    /** f and f' tabulated for {@link #evaluate}, with the cells where interpolation is not trusted. */
    private static final class Table {
        private final double[] f;
        private final double[] d;
        private final boolean[] rough;

        Table(ActivationProbe probe) {
            int n = (int) Math.round(2 * TABLE_LIMIT / TABLE_STEP) + 1;
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = -TABLE_LIMIT + i * TABLE_STEP;
            }
            f = probe.values(z);
            d = probe.derivatives(z);
            rough = new boolean[n];
            for (int i = 2; i + 3 < n; i++) {
                // f' jumps (a kink of f) or bends sharply (a kink of f', e.g. ELU at 0): the cell is not smooth
                double jump = Math.abs(d[i + 1] - d[i]);
                double around = Math.max(Math.abs(d[i] - d[i - 1]), Math.abs(d[i + 2] - d[i + 1]));
                double bend = Math.abs(d[i + 1] - 2 * d[i] + d[i - 1]);
                double bendAround = Math.max(Math.abs(d[i] - 2 * d[i - 1] + d[i - 2]),
                        Math.abs(d[i + 2] - 2 * d[i + 1] + d[i]));
                boolean nonFinite = !Double.isFinite(f[i]) || !Double.isFinite(d[i]);
                if (nonFinite || jump > 1e-6 && jump > 4 * around || bend > 1e-7 && bend > 8 * bendAround) {
                    for (int j = Math.max(0, i - 2); j <= Math.min(n - 1, i + 2); j++) {
                        rough[j] = true;
                    }
                }
            }
        }

        /** Interpolates at z into f[i], d[i]; false if z is outside the table or in a rough cell. */
        boolean interpolate(double z, double[] fOut, double[] dOut, int i) {
            double x = (z + TABLE_LIMIT) / TABLE_STEP;
            int j = (int) Math.floor(x);
            if (j < 1 || j + 2 >= f.length || rough[j] || rough[j + 1]) {
                return false;
            }
            double u = x - j;
            double u2 = u * u;
            double u3 = u2 * u;
            fOut[i] = (2 * u3 - 3 * u2 + 1) * f[j] + (u3 - 2 * u2 + u) * TABLE_STEP * d[j] + (-2 * u3 + 3 * u2) * f[j + 1]
                    + (u3 - u2) * TABLE_STEP * d[j + 1];
            double m0 = (d[j + 1] - d[j - 1]) / 2;
            double m1 = (d[j + 2] - d[j]) / 2;
            dOut[i] = (2 * u3 - 3 * u2 + 1) * d[j] + (u3 - 2 * u2 + u) * m0 + (-2 * u3 + 3 * u2) * d[j + 1]
                    + (u3 - u2) * m1;
            return true;
        }
    }

    /** @return f'(z) for every z (a new array) */
    double[] derivatives(double[] z) {
        if (z.length == 0) {
            return z;
        }
        INDArray in = Nd4j.createFromArray(z.clone()).reshape(1, z.length);
        INDArray eps = Nd4j.ones(DataType.DOUBLE, 1, z.length);
        Pair<INDArray, INDArray> p = fn.backprop(in, eps);
        return p.getFirst().castTo(DataType.DOUBLE).data().asDouble();
    }

    /**
     * @param margin   the saturation margin
     * @param dataType the network's data type (what "exactly zero" means)
     * @return the zero and saturation regions of this activation (cached)
     */
    Regions regions(double margin, DataType dataType) {
        return REGIONS.computeIfAbsent(new Key(fn, margin, dataType), k -> scan(margin, dataType));
    }

    /**
     * Values whose magnitude is below this are zero in the data type: half its smallest subnormal, below which
     * rounding gives 0 (for double, the smallest subnormal itself: no double lies below it but 0).
     */
    static double zeroBelow(DataType dataType) {
        switch (dataType) {
            case DOUBLE:
                return Double.MIN_VALUE;
            case HALF:
                return Math.scalb(1.0, -25);
            case BFLOAT16:
                return Math.scalb(1.0, -134);
            default:
                return Math.scalb(1.0, -150);
        }
    }

    /** The state of one output value: bit 0 zero, bit 1 low side, bit 2 high side. */
    private int state(double a, double margin, double tiny) {
        int s = Math.abs(a) < tiny ? 1 : 0;
        int side = ActivationFamily.saturationSide(fn, tiny > Math.abs(a) ? 0 : a, margin);
        return s | (side < 0 ? 2 : side > 0 ? 4 : 0);
    }

    private Regions scan(double margin, DataType dataType) {
        double tiny = zeroBelow(dataType);
        double[] f = values(GRID, dataType);
        int[] st = new int[GRID.length];
        boolean monotone = true;
        for (int i = 0; i < GRID.length; i++) {
            st[i] = state(f[i], margin, tiny);
            if (i > 0 && f[i] < f[i - 1]) {
                monotone = false;
            }
        }
        // the boundary between each pair of grid points whose states differ, by bisection on the doubles between
        List<int[]> changes = new ArrayList<>();
        for (int i = 1; i < GRID.length; i++) {
            if (st[i] != st[i - 1]) {
                changes.add(new int[] {i - 1, i});
            }
        }
        int c = changes.size();
        double[] lo = new double[c];
        double[] hi = new double[c];
        int[] loState = new int[c];
        for (int j = 0; j < c; j++) {
            lo[j] = GRID[changes.get(j)[0]];
            hi[j] = GRID[changes.get(j)[1]];
            loState[j] = st[changes.get(j)[0]];
        }
        for (int round = 0; round < 70 && c > 0; round++) {
            double[] mid = new double[c];
            boolean moved = false;
            for (int j = 0; j < c; j++) {
                mid[j] = midpoint(lo[j], hi[j]);
                moved |= mid[j] != lo[j] && mid[j] != hi[j];
            }
            if (!moved) {
                break;
            }
            double[] fm = values(mid, dataType);
            for (int j = 0; j < c; j++) {
                if (mid[j] == lo[j] || mid[j] == hi[j]) {
                    continue;
                }
                if (state(fm[j], margin, tiny) == loState[j]) {
                    lo[j] = mid[j];
                } else {
                    hi[j] = mid[j];
                }
            }
        }
        // boundaries: state st[from] holds on (boundary_{k-1}, boundary_k]
        double[] bounds = new double[c];
        for (int j = 0; j < c; j++) {
            bounds[j] = (lo[j] + hi[j]) / 2;
        }
        int[] states = new int[c + 1];
        states[0] = st[0];
        for (int j = 0; j < c; j++) {
            states[j + 1] = st[changes.get(j)[1]];
        }
        return new Regions(bounds, states, monotone, kinks());
    }

    /**
     * Where f' jumps (kinks: ReLU at 0, hard tanh at ±1, hard sigmoid at ±2.5, ReLU6 at 6, a custom function's
     * corners), located on the linear part of the scan grid and refined by bisection: quadrature breakpoints.
     */
    private double[] kinks() {
        int from = 0;
        while (from < GRID.length && GRID[from] < -64) {
            from++;
        }
        int to = from;
        while (to < GRID.length && GRID[to] <= 64) {
            to++;
        }
        double[] x = Arrays.copyOfRange(GRID, from, to);
        double[] d = derivatives(x);
        List<double[]> found = new ArrayList<>();
        for (int i = 0; i + 1 < x.length; i++) {
            double jump = Math.abs(d[i + 1] - d[i]);
            double before = i > 0 ? Math.abs(d[i] - d[i - 1]) : 0;
            double after = i + 2 < x.length ? Math.abs(d[i + 2] - d[i + 1]) : 0;
            if (jump > 1e-3 && jump > 10 * Math.max(before, after) && x[i + 1] - x[i] > 0) {
                found.add(new double[] {x[i], x[i + 1], d[i], d[i + 1]});
            }
        }
        int c = found.size();
        double[] lo = new double[c];
        double[] hi = new double[c];
        for (int j = 0; j < c; j++) {
            lo[j] = found.get(j)[0];
            hi[j] = found.get(j)[1];
        }
        for (int round = 0; round < 64 && c > 0; round++) {
            double[] mid = new double[c];
            for (int j = 0; j < c; j++) {
                mid[j] = midpoint(lo[j], hi[j]);
            }
            double[] dm = derivatives(mid);
            for (int j = 0; j < c; j++) {
                double[] k = found.get(j);
                if (Math.abs(dm[j] - k[2]) <= Math.abs(dm[j] - k[3])) {
                    lo[j] = mid[j];
                } else {
                    hi[j] = mid[j];
                }
            }
        }
        double[] out = new double[c];
        for (int j = 0; j < c; j++) {
            out[j] = (lo[j] + hi[j]) / 2;
        }
        return out;
    }

    /** The double halfway between a and b in the order of doubles (bisection that ends at adjacent doubles). */
    private static double midpoint(double a, double b) {
        long la = ordered(a);
        long lb = ordered(b);
        long m = la + (lb - la) / 2;
        return unordered(m);
    }

    private static long ordered(double d) {
        long bits = Double.doubleToRawLongBits(d == 0 ? 0.0 : d);
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }

    private static double unordered(long l) {
        return Double.longBitsToDouble(l < 0 ? Long.MIN_VALUE - l : l);
    }

    private static double[] grid() {
        List<Double> g = new ArrayList<>();
        for (double e = -320; e <= 8; e += 0.125) {
            double v = Math.pow(10, e);
            g.add(v);
            g.add(-v);
        }
        for (int i = -64 * 32; i <= 64 * 32; i++) {
            g.add(i / 32.0);
        }
        double[] a = g.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().distinct().toArray();
        return a;
    }

    /**
     * The zero and saturation regions of an activation: piecewise-constant states between boundaries. State
     * {@code states[j]} holds for z in (bounds[j−1], bounds[j]] (with bounds[−1] = −∞, bounds[c] = +∞).
     */
    static final class Regions {
        /** State bits. */
        static final int ZERO = 1;
        /** State bits. */
        static final int LOW = 2;
        /** State bits. */
        static final int HIGH = 4;

        private final double[] bounds;
        private final int[] states;
        private final boolean monotone;
        private final double[] breakpoints;

        Regions(double[] bounds, int[] states, boolean monotone, double[] kinks) {
            this.bounds = bounds;
            this.states = states;
            this.monotone = monotone;
            double[] all = Arrays.copyOf(bounds, bounds.length + kinks.length);
            System.arraycopy(kinks, 0, all, bounds.length, kinks.length);
            Arrays.sort(all);
            this.breakpoints = all;
        }

        /** @return whether f was non-decreasing on the scan grid */
        boolean monotone() {
            return monotone;
        }

        /** @return the finite region boundaries and the kinks (quadrature breakpoints) */
        double[] boundaries() {
            return breakpoints.clone();
        }

        /**
         * @param mask  state bits, any of which selects a piece
         * @return the intervals [a, b] where the state has a selected bit, a may be −∞ and b +∞
         */
        double[][] intervals(int mask) {
            List<double[]> out = new ArrayList<>();
            double start = Double.NaN;
            for (int j = 0; j <= bounds.length; j++) {
                boolean in = (states[j] & mask) != 0;
                double left = j == 0 ? Double.NEGATIVE_INFINITY : bounds[j - 1];
                double right = j == bounds.length ? Double.POSITIVE_INFINITY : bounds[j];
                if (in && Double.isNaN(start)) {
                    start = left;
                }
                if (!in && !Double.isNaN(start)) {
                    out.add(new double[] {start, left});
                    start = Double.NaN;
                }
                if (in && j == bounds.length) {
                    out.add(new double[] {start, right});
                }
            }
            return out.toArray(new double[0][]);
        }

        @Override
        public String toString() {
            return "Regions(bounds=" + Arrays.toString(bounds) + ", states=" + Arrays.toString(states) + ", breakpoints="
                    + Arrays.toString(breakpoints) + ")";
        }
    }

    private static final class Key {
        private final IActivation fn;
        private final double margin;
        private final DataType dataType;

        Key(IActivation fn, double margin, DataType dataType) {
            this.fn = fn;
            this.margin = margin;
            this.dataType = dataType;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return fn.equals(k.fn) && fn.getClass() == k.fn.getClass() && Double.compare(margin, k.margin) == 0
                    && dataType == k.dataType;
        }

        @Override
        public int hashCode() {
            return Objects.hash(fn.getClass(), fn.hashCode(), margin, dataType);
        }
    }
}
