package org.dl4jinit.health;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reduces a layer's activations and weight gradients to a handful of scalars, cheaply enough to run every
 * iteration.
 *
 * <p><b>Activations: one pass over every value, exact.</b> Arrays are read in their memory order (DL4J's
 * convolution outputs are permuted views, [b, c, h, w] over [c, b, h, w] memory, dense in memory, so no copy is
 * made), a row of values at a time into reused buffers, in loops the JIT vectorizes. Reading every value costs
 * about what a sample does (values at random positions cost many read in order), and the mean and std need
 * every value anyway, so nothing is sampled:
 * <ul>
 *   <li>The fractions of exactly-zero and of saturated values ({@link #saturationLimit}) are counts on the
 *       values' IEEE-754 bits with int arithmetic: exact, over the whole batch and every unit.</li>
 *   <li>Mean and population standard deviation from shifted sums: y = x − c with c the mean of a few values
 *       spread over the layer, Σy and Σy² accumulated in float lanes added into double every
 *       {@value #FLUSH_ROWS} rows. With u = 2<sup>−24</sup> the variance's rounding error, relative to the
 *       variance, is at most 3(γ<sub>{@value #FLUSH_ROWS}</sub> + 3u)·κ, κ = mean(y²)/variance,
 *       γ<sub>k</sub> = ku/(1 − ku); when that exceeds {@value #VARIANCE_ERROR} the sums are taken again with
 *       the mean as the shift (κ ≈ 1). So the std is within 5·10<sup>−4</sup> relative whatever the offset
 *       (unless the spread is below the float spacing at the mean): sigmoid units at 0.5 ± 10<sup>−4</sup> keep
 *       their spread, where E[x²] − E[x]² in float loses it. Double arrays are reduced in double, around
 *       their mean.</li>
 *   <li>NaN or ±Inf anywhere makes the sums non-finite; only then, and when the float lanes overflow (squares
 *       beyond the float range: |x − c| above about 1.8·10<sup>19</sup>, which a diverging network reaches
 *       before any value is infinite), an exact double pass decides: finite values are reduced in double and
 *       never reported as non-finite.</li>
 *   <li>Dead and saturated units (a dense unit, a conv channel, a recurrent unit over its time steps: zero, or
 *       saturated, for every value of the batch), exact: each unit's values are read in memory order until one
 *       is non-zero and one unsaturated, which for a healthy unit is after a few values; once that has read
 *       more than n / {@value #SCAN_ALLOWANCE} values, every unit's values are counted instead.</li>
 * </ul>
 *
 * <p><b>Gradients, updates, parameters</b>: {@link #squaredNorm} is a float BLAS dot product (a sum of squares
 * does not cancel), recomputed in double only when it is not finite, so that overflow is not mistaken for
 * NaN/Inf. Nothing is kept from the arrays; the scratch buffers belong to one listener (one thread).
 */
final class LayerReducer {

    /** Rows of {@link #ROW} values summed in float lanes before the lanes are added in double. */
    static final int FLUSH_ROWS = 64;
    /** The bound on the variance's relative rounding error above which the sums are taken again. */
    static final double VARIANCE_ERROR = 1e-3;
    /**
     * The per-unit scan reads values one at a time; once it has read more than n / this, counting every unit's
     * values (vectorized) is cheaper.
     */
    static final int SCAN_ALLOWANCE = 8;

    private static final int ROW = 1024;
    private static final int ABS = 0x7fffffff;
    /** Upper magnitude bound of an empty range ("never saturated"). */
    private static final int NEVER = ABS;
    /** Upper magnitude bound below every magnitude ("always saturated"). */
    private static final int ALWAYS = -1;
    private static final double U = 0x1p-24;
    /** 3(γ + 3u) of the class documentation: the variance's relative error per unit of κ. */
    private static final double LANE_ERROR = 3 * (FLUSH_ROWS * U / (1 - FLUSH_ROWS * U) + 3 * U);
    /** Values averaged for the first pass's shift. */
    private static final int SHIFT_VALUES = 32;
    /** Largest BLAS call, in values (BLAS takes int lengths). */
    private static final int BLAS_CHUNK = 1 << 30;

    private final int[] rowBits = new int[ROW];
    private final float[] rowValues = new float[ROW];
    private final float[] laneSum = new float[ROW];
    private final float[] laneSquares = new float[ROW];
    private final int[] laneZeros = new int[ROW];
    private final int[] laneSaturated = new int[ROW];
    private int[] unitBits = new int[0];
    private int[] unitZeros = new int[0];
    private int[] unitSaturated = new int[0];

    /**
     * Activation figures of one layer into {@code out}.
     *
     * @param a       the layer's output activations, [batch, units, ...] (or channels last)
     * @param info    the layer
     * @param margin  the saturation margin
     * @param perUnit whether to measure the per-unit figures (dead units, units saturated for the whole batch);
     *                when false they are left NaN
     * @param out     figures, indexed by {@link Figure#ordinal()}
     */
    void activations(INDArray a, LayerInfo info, double margin, boolean perUnit, double[] out) {
        long length = a.length();
        if (length > Integer.MAX_VALUE || length == 0 || a.rank() < 2) {
            return;
        }
        int n = (int) length;
        INDArray dense = dense(a);
        Bits values = new Bits(dense);
        int[] region = region(info, margin);
        double[] moments = new double[2];
        long[] counts = momentsAndCounts(values, n, region, moments);
        out[Figure.ACTIVATION_MEAN.ordinal()] = moments[0];
        if (Double.isNaN(moments[1])) {
            out[Figure.NON_FINITE_ACTIVATIONS.ordinal()] = 1;
            return;
        }
        out[Figure.NON_FINITE_ACTIVATIONS.ordinal()] = 0;
        out[Figure.ACTIVATION_STD.ordinal()] = moments[1];
        boolean saturation = info.family() != ActivationFamily.NONE;
        out[Figure.ZERO_FRACTION.ordinal()] = (double) counts[0] / n;
        out[Figure.SATURATED_FRACTION.ordinal()] = saturation ? (double) counts[1] / n : Double.NaN;
        if (!perUnit) {
            return;
        }
        int unitDim = info.channelsLast() ? dense.rank() - 1 : 1;
        int units = (int) dense.size(unitDim);
        // dense in memory: walking its memory, one unit's values come in runs of stride(unit) and successive runs
        // belong to successive units (cyclically)
        int run = units == 1 ? n : (int) dense.stride(unitDim);
        long[] unitCounts = unitsByScan(values, n, run, units, region, saturation);
        if (unitCounts == null) {
            unitCounts = unitsByCount(values, n, run, units, region);
        }
        out[Figure.DEAD_UNITS.ordinal()] = (double) unitCounts[0] / units;
        out[Figure.SATURATED_UNITS.ordinal()] = saturation ? (double) unitCounts[1] / units : Double.NaN;
    }

    /** The standard deviation of all elements (population), NaN if not finite. */
    double std(INDArray a) {
        if (a.length() > Integer.MAX_VALUE || a.length() == 0) {
            return Double.NaN;
        }
        double[] moments = new double[2];
        momentsAndCounts(new Bits(dense(a)), (int) a.length(), null, moments);
        return moments[1];
    }

    /**
     * Mean and std into {@code moments} (std NaN when a value is NaN or infinite) and, with a region, the zero
     * and saturated counts, in one pass over every value (a second one for badly conditioned sums).
     *
     * @return {zero count, saturated count}, or null without a region
     */
    private long[] momentsAndCounts(Bits values, int n, int[] region, double[] moments) {
        if (!values.single()) {
            exactMoments(values, n, moments);
            return region == null ? null : pass(values, n, 0, false, region, null);
        }
        float shift = shift(values, n);
        double[] sums = new double[2];
        long[] counts = pass(values, n, shift, true, region, sums);
        if (!finiteMoments(sums, n, values, moments)) {
            return counts;
        }
        double meanY = sums[0] / n;
        double variance = sums[1] / n - meanY * meanY;
        if (!(LANE_ERROR * (sums[1] / n) <= VARIANCE_ERROR * variance) && sums[1] > 0) {
            // badly conditioned for this shift: again around the mean, where the condition number is ≈ 1
            shift = (float) (shift + meanY);
            pass(values, n, shift, true, null, sums);
            if (!finiteMoments(sums, n, values, moments)) {
                return counts;
            }
            meanY = sums[0] / n;
            variance = sums[1] / n - meanY * meanY;
        }
        moments[0] = shift + meanY;
        moments[1] = Math.sqrt(Math.max(0, variance));
        return counts;
    }

    /**
     * Whether the float lanes' sums are finite; if not, {@link #exactMoments} decides (NaN/Inf values, or
     * finite values whose squares overflow float).
     */
    private static boolean finiteMoments(double[] sums, int n, Bits values, double[] moments) {
        if (Double.isFinite(sums[0]) && Double.isFinite(sums[1])) {
            return true;
        }
        exactMoments(values, n, moments);
        return false;
    }

    /**
     * One pass over every value, a row at a time: with {@code sums} (float arrays), Σ(x − shift) and
     * Σ(x − shift)² in float lanes flushed to double into {@code sums}; with a region, the zero and saturated
     * counts, in int lanes (a lane counts at most n / {@value #ROW} values).
     *
     * @return {zero count, saturated count}, or null without a region
     */
    private long[] pass(Bits values, int n, float shift, boolean moments, int[] region, double[] sums) {
        double sum = 0;
        double squares = 0;
        int lanes = Math.min(ROW, n);
        if (moments) {
            Arrays.fill(laneSum, 0, lanes, 0f);
            Arrays.fill(laneSquares, 0, lanes, 0f);
        }
        if (region != null) {
            Arrays.fill(laneZeros, 0, lanes, 0);
            Arrays.fill(laneSaturated, 0, lanes, 0);
        }
        int rows = 0;
        for (int from = 0; from < n; from += ROW) {
            int len = Math.min(ROW, n - from);
            values.load(from, len, region == null ? null : rowBits, moments ? rowValues : null);
            if (region != null) {
                count(rowBits, len, laneZeros, laneSaturated, region[0], region[1], region[2], region[3]);
            }
            if (moments) {
                accumulate(rowValues, len, shift, laneSum, laneSquares);
                if (++rows == FLUSH_ROWS || from + len == n) {
                    for (int l = 0; l < lanes; l++) {
                        sum += laneSum[l];
                        squares += laneSquares[l];
                    }
                    Arrays.fill(laneSum, 0, lanes, 0f);
                    Arrays.fill(laneSquares, 0, lanes, 0f);
                    rows = 0;
                }
            }
        }
        if (moments) {
            sums[0] = sum;
            sums[1] = squares;
        }
        if (region == null) {
            return null;
        }
        long zeros = 0;
        long saturated = 0;
        for (int l = 0; l < lanes; l++) {
            zeros += laneZeros[l];
            saturated += laneSaturated[l];
        }
        return new long[] {zeros, saturated};
    }

    /** Lane-wise Σy and Σy², y = v − shift (the same index everywhere: vectorizable). */
    private static void accumulate(float[] v, int len, float shift, float[] sum, float[] squares) {
        for (int l = 0; l < len; l++) {
            float y = v[l] - shift;
            sum[l] += y;
            squares[l] += y * y;
        }
    }

    /** The mean of a few values spread over the layer (0 if one is not finite): the first pass's shift. */
    private static float shift(Bits values, int n) {
        int k = Math.min(n, SHIFT_VALUES);
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Float.intBitsToFloat(values.at((int) ((2L * j + 1) * n / (2L * k))));
        }
        float shift = (float) (sum / k);
        return Float.isFinite(shift) ? shift : 0f;
    }

    /**
     * Mean and std in double, around the mean and divided by the largest magnitude (so that squares of finite
     * doubles cannot overflow): the path for double arrays and for float sums that were not finite. The std is
     * NaN, and the mean the non-finite mean, when a value is NaN or infinite.
     */
    private static void exactMoments(Bits values, int n, double[] moments) {
        double max = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = values.value(i);
            sum += x;
            max = Math.max(max, Math.abs(x));
        }
        if (!Double.isFinite(max)) {
            moments[0] = sum / n;
            moments[1] = Double.NaN;
            return;
        }
        double mean = 0;
        double squares = 0;
        if (max > 0) {
            for (int i = 0; i < n; i++) {
                mean += values.value(i) / max;
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                double y = values.value(i) / max - mean;
                squares += y * y;
            }
        }
        moments[0] = mean * max;
        moments[1] = max * Math.sqrt(squares / n);
    }

    /**
     * Dead and saturated units, exactly: each unit's values in memory order until one is non-zero and (when
     * saturation is judged) one unsaturated.
     *
     * @return {dead units, saturated units}, or null once more than n / {@link #SCAN_ALLOWANCE} values have
     *         been read
     */
    private static long[] unitsByScan(Bits values, int n, int run, int units, int[] region, boolean saturation) {
        int pa = region[0];
        int pb = region[1];
        int xa = region[2];
        int xb = region[3];
        int runs = n / run;
        long allowance = n / SCAN_ALLOWANCE;
        long reads = 0;
        int dead = 0;
        int saturatedUnits = 0;
        for (int u = 0; u < units; u++) {
            boolean alive = false;
            boolean unsaturated = !saturation;
            for (int r = u; r < runs && !(alive && unsaturated); r += units) {
                int start = r * run;
                int p = start;
                for (int end = start + run; p < end && !(alive && unsaturated); p++) {
                    int b = values.at(p);
                    alive |= (b & ABS) != 0;
                    unsaturated |= saturated(b, pa, pb, xa, xb) == 0;
                }
                reads += p - start;
                if (reads > allowance) {
                    return null;
                }
            }
            dead += alive ? 0 : 1;
            saturatedUnits += unsaturated ? 0 : 1;
        }
        return new long[] {dead, saturatedUnits};
    }

    /**
     * Dead and saturated units from per-unit zero and saturated counts over every value.
     *
     * @return {dead units, saturated units}
     */
    private long[] unitsByCount(Bits values, int n, int run, int units, int[] region) {
        if (unitZeros.length < units) {
            unitZeros = new int[units];
            unitSaturated = new int[units];
        }
        int[] zeros = unitZeros;
        int[] saturated = unitSaturated;
        Arrays.fill(zeros, 0, units, 0);
        Arrays.fill(saturated, 0, units, 0);
        if (run == 1) {
            // one value per unit in each row of `units` values (dense 'c', channels last): whole rows per load,
            // each row counted from index 0 so that the loop stays vectorizable
            int rowsPerLoad = Math.max(1, ROW / units);
            if (unitBits.length < rowsPerLoad * units) {
                unitBits = new int[rowsPerLoad * units];
            }
            int[] row = units <= ROW ? rowBits : unitBits;
            for (int from = 0; from < n; from += rowsPerLoad * units) {
                int len = Math.min(rowsPerLoad * units, n - from);
                values.load(from, len, unitBits, null);
                for (int r = 0; r < len; r += units) {
                    if (row != unitBits) {
                        System.arraycopy(unitBits, r, row, 0, units);
                    }
                    count(row, units, zeros, saturated, region[0], region[1], region[2], region[3]);
                }
            }
        } else {
            int u = 0;
            int left = run;
            for (int from = 0; from < n; from += ROW) {
                int len = Math.min(ROW, n - from);
                values.load(from, len, rowBits, null);
                for (int i = 0; i < len;) {
                    int segment = Math.min(left, len - i);
                    long c = reduce(rowBits, i, i + segment, region[0], region[1], region[2], region[3]);
                    zeros[u] += (int) (c >>> 32);
                    saturated[u] += (int) c;
                    i += segment;
                    left -= segment;
                    if (left == 0) {
                        left = run;
                        u = u + 1 == units ? 0 : u + 1;
                    }
                }
            }
        }
        int valuesPerUnit = n / units;
        long[] out = new long[2];
        for (int u = 0; u < units; u++) {
            out[0] += zeros[u] == valuesPerUnit ? 1 : 0;
            out[1] += saturated[u] == valuesPerUnit ? 1 : 0;
        }
        return out;
    }

    /**
     * Per-position zero and saturated counts of {@code len} float bits (the same index everywhere, no
     * reduction: the JIT vectorizes it).
     */
    private static void count(int[] bits, int len, int[] zeros, int[] saturated, int pa, int pb, int xa, int xb) {
        for (int i = 0; i < len; i++) {
            int b = bits[i];
            zeros[i] += zero(b);
            saturated[i] += saturated(b, pa, pb, xa, xb);
        }
    }

    /** @return zero count (high 32 bits) and saturated count (low 32 bits) of c[from, to) */
    private static long reduce(int[] c, int from, int to, int pa, int pb, int xa, int xb) {
        int z = 0;
        int s = 0;
        for (int i = from; i < to; i++) {
            int b = c[i];
            z += zero(b);
            s += saturated(b, pa, pb, xa, xb);
        }
        return ((long) z << 32) | (s & 0xffffffffL);
    }

    /** 1 if the float with raw bits {@code b} is ±0, else 0. */
    private static int zero(int b) {
        return ((b & ABS) - 1) >>> 31;
    }

    /**
     * 1 if the float with raw bits {@code b} is in the saturation region, else 0: when its magnitude bits are
     * below a or above b, where (a, b) = (pa, pb) for a positive value and (pa ^ xa, pb ^ xb) for a negative one
     * (non-negative floats order like their bits). Every difference stays within int range, so the sign bit is
     * the comparison, without branches.
     */
    private static int saturated(int b, int pa, int pb, int xa, int xb) {
        int abs = b & ABS;
        int sign = b >> 31;
        return ((abs - (pa ^ (xa & sign))) | ((pb ^ (xb & sign)) - abs)) >>> 31;
    }

    /**
     * The saturation region as {@code {pa, pb, xa, xb}} for {@link #saturated}: SYMMETRIC |a| &gt; limit;
     * UNIT_INTERVAL a &lt; m or a &gt; 1 − m; RECTIFIER and LOWER_ASYMPTOTE a ≤ limit; NONE never.
     */
    private static int[] region(LayerInfo info, double margin) {
        float limit = (float) saturationLimit(info, margin);
        switch (info.family()) {
            case SYMMETRIC: {
                int l = Float.floatToRawIntBits(limit) & ABS;
                return region(0, l, 0, l);
            }
            case UNIT_INTERVAL:
                // every negative value; positive ones below m or above 1 − m
                return region(Float.floatToRawIntBits(limit), Float.floatToRawIntBits((float) (1 - margin)), 0,
                        ALWAYS);
            case RECTIFIER:
            case LOWER_ASYMPTOTE: {
                int l = Float.floatToRawIntBits(limit) & ABS;
                // limit ≥ 0: every negative value and positive ones up to the limit; limit < 0: negative values
                // at least as large in magnitude
                return limit >= 0 ? region(l + 1, NEVER, 0, ALWAYS) : region(0, NEVER, 0, l - 1);
            }
            default:
                return region(0, NEVER, 0, NEVER);
        }
    }

    /** Magnitudes below a or above b are saturated, (pa, pb) for positive values and (na, nb) for negative. */
    private static int[] region(int pa, int pb, int na, int nb) {
        return new int[] {pa, pb, pa ^ na, pb ^ nb};
    }

    /**
     * SYMMETRIC: |a| above bound·(1 − m); UNIT_INTERVAL: a below m (or above 1 − m); RECTIFIER: a ≤ 0;
     * LOWER_ASYMPTOTE: a ≤ asymptote·(1 − m) (softplus, asymptote 0: a ≤ m).
     */
    private static double saturationLimit(LayerInfo info, double margin) {
        return ActivationFamily.saturationLimit(info.family(), info.bound(), margin);
    }

    /**
     * The values of a dense-in-memory float or double array by memory position, as raw float bits (doubles
     * rounded to float) or as doubles. Lives for one call: nothing refers to the array's memory afterwards.
     */
    private static final class Bits {
        private final IntBuffer ints;
        private final FloatBuffer floats;
        private final DoubleBuffer doubles;
        private final int base;

        Bits(INDArray a) {
            // the NIO views start at the underlying buffer's origin, the array at its offset
            base = (int) a.offset();
            boolean single = a.dataType() == DataType.FLOAT;
            ints = single ? a.data().asNioInt() : null;
            floats = single ? a.data().asNioFloat() : null;
            doubles = single ? null : a.data().asNioDouble();
        }

        boolean single() {
            return ints != null;
        }

        int at(int position) {
            return ints != null ? ints.get(base + position)
                    : Float.floatToRawIntBits((float) doubles.get(base + position));
        }

        double value(int position) {
            return ints != null ? floats.get(base + position) : doubles.get(base + position);
        }

        /** Values [from, from + length) as float bits into {@code bits} and as floats into {@code values}, if given. */
        void load(int from, int length, int[] bits, float[] values) {
            if (ints != null) {
                if (bits != null) {
                    ints.get(base + from, bits, 0, length);
                }
                if (values != null) {
                    floats.get(base + from, values, 0, length);
                }
                return;
            }
            for (int i = 0; i < length; i++) {
                float x = (float) doubles.get(base + from + i);
                if (bits != null) {
                    bits[i] = Float.floatToRawIntBits(x);
                }
                if (values != null) {
                    values[i] = x;
                }
            }
        }
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
        Arrays.sort(dims, (x, y) -> Long.compare(stride[x], stride[y]));
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

    /**
     * The array itself when it can be read in its memory order as it is laid out: float or double and dense in
     * memory in any dimension order (DL4J's conv outputs are permuted views, [b, c, h, w] over [c, b, h, w]
     * memory); otherwise a dense copy (float for types other than double), made once per call.
     */
    private static INDArray dense(INDArray a) {
        boolean blas = a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE;
        if (!blas) {
            return a.castTo(DataType.FLOAT).dup('c');
        }
        return denseInMemory(a) ? a : a.dup('c');
    }

    /**
     * Σx² of an array: NaN if a value is NaN or infinite, otherwise finite (+Inf only for a double array whose
     * sum of squares exceeds the double range). A BLAS dot product over the array's memory; when that is not
     * finite, an exact double pass tells overflow (float accumulation of huge finite values) from NaN/Inf.
     */
    static double squaredNorm(INDArray x) {
        if (x.length() == 0) {
            return 0;
        }
        INDArray d = dense(x);
        double sumSq = 0;
        for (long from = 0; from < d.length(); from += BLAS_CHUNK) {
            int len = (int) Math.min(BLAS_CHUNK, d.length() - from);
            // addressPointer() is at the array's first value (ND4J accounts for the offset), like ND4J's own BLAS calls
            if (d.dataType() == DataType.FLOAT) {
                FloatPointer p = new FloatPointer(d.data().addressPointer());
                p.position(p.position() + from);
                sumSq += openblas_nolapack.cblas_sdot(len, p, 1, p, 1);
            } else {
                DoublePointer p = new DoublePointer(d.data().addressPointer());
                p.position(p.position() + from);
                sumSq += openblas_nolapack.cblas_ddot(len, p, 1, p, 1);
            }
        }
        if (Double.isFinite(sumSq) || d.length() > Integer.MAX_VALUE) {
            return sumSq;
        }
        Bits values = new Bits(d);
        int n = (int) d.length();
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(values.value(i)));
        }
        if (!Double.isFinite(max)) {
            return Double.NaN;
        }
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double y = values.value(i) / max;
            squares += y * y;
        }
        return squares * max * max;
    }
}
