package org.dl4jinit.health;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Condition;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Reduces a layer's activations and weight gradients to a handful of scalars with as few native ops as
 * possible: sum and L2 norm (mean, std, and NaN/Inf detection for free, since any NaN or Inf makes them
 * non-finite), one or two counts, and one or two per-unit reductions over the batch whose small results are
 * counted in Java. Nothing is kept: results are written into a caller-owned {@code double[]}.
 *
 * <table>
 *   <caption>native ops per layer and iteration</caption>
 *   <tr><th>family</th><th>ops</th></tr>
 *   <tr><td>ReLU (non-negative rectifier)</td><td>sum, norm2, count(a ≤ 0), amax over batch: 4</td></tr>
 *   <tr><td>tanh-like</td><td>sum, norm2, count(a = 0), count(|a| &gt; b(1−m)), amax, amin: 6</td></tr>
 *   <tr><td>sigmoid-like</td><td>sum, norm2, count(a &lt; m), count(a &gt; 1−m), amax, min: 6 (zero = a &lt; m
 *       region reused)</td></tr>
 * </table>
 */
final class LayerReducer {

    private LayerReducer() {
    }

    /**
     * Activation figures of one layer into {@code out}.
     *
     * @param a      the layer's output activations, [batch, units, ...] (or channels last)
     * @param info   the layer
     * @param margin the saturation margin
     * @param out    figures, indexed by {@link Figure#ordinal()}
     */
    static void activations(INDArray a, LayerInfo info, double margin, double[] out) {
        long n = a.length();
        double sum = a.sumNumber().doubleValue();
        double norm = a.norm2Number().doubleValue();
        if (!Double.isFinite(sum) || !Double.isFinite(norm)) {
            out[Figure.NON_FINITE_ACTIVATIONS.ordinal()] = 1;
            out[Figure.ACTIVATION_MEAN.ordinal()] = sum / n;
            out[Figure.ACTIVATION_STD.ordinal()] = Double.NaN;
            return;
        }
        out[Figure.NON_FINITE_ACTIVATIONS.ordinal()] = 0;
        double mean = sum / n;
        out[Figure.ACTIVATION_MEAN.ordinal()] = mean;
        out[Figure.ACTIVATION_STD.ordinal()] = Math.sqrt(Math.max(0, norm * norm / n - mean * mean));

        int[] batchDims = batchDims(a.rank(), info.channelsLast());
        double bound = info.bound();
        switch (info.family()) {
            case RECTIFIER: {
                long nonPositive = count(a, Conditions.lessThanOrEqual(0.0));
                out[Figure.SATURATED_FRACTION.ordinal()] = (double) nonPositive / n;
                out[Figure.ZERO_FRACTION.ordinal()] = info.nonNegative() ? (double) nonPositive / n
                        : (double) countZeros(a) / n;
                float[] amax = a.amax(batchDims).toFloatVector();
                double dead = fraction(amax, v -> v == 0f);
                out[Figure.DEAD_UNITS.ordinal()] = dead;
                out[Figure.SATURATED_UNITS.ordinal()] = info.nonNegative() ? dead
                        : fraction(a.max(batchDims).toFloatVector(), v -> v <= 0f);
                break;
            }
            case SYMMETRIC: {
                double limit = bound * (1 - margin);
                out[Figure.ZERO_FRACTION.ordinal()] = (double) countZeros(a) / n;
                out[Figure.SATURATED_FRACTION.ordinal()] = (double) count(a, Conditions.absGreaterThan(limit)) / n;
                out[Figure.DEAD_UNITS.ordinal()] = fraction(a.amax(batchDims).toFloatVector(), v -> v == 0f);
                out[Figure.SATURATED_UNITS.ordinal()] = fraction(a.amin(batchDims).toFloatVector(),
                        v -> v > limit);
                break;
            }
            case UNIT_INTERVAL: {
                long low = count(a, Conditions.lessThan(margin));
                long high = count(a, Conditions.greaterThan(1 - margin));
                out[Figure.SATURATED_FRACTION.ordinal()] = (double) (low + high) / n;
                out[Figure.ZERO_FRACTION.ordinal()] = (double) countZeros(a) / n;
                float[] max = a.max(batchDims).toFloatVector();
                float[] min = a.min(batchDims).toFloatVector();
                int units = max.length;
                int dead = 0;
                int saturated = 0;
                for (int u = 0; u < units; u++) {
                    dead += max[u] == 0f ? 1 : 0;
                    saturated += max[u] < margin || min[u] > 1 - margin ? 1 : 0;
                }
                out[Figure.DEAD_UNITS.ordinal()] = (double) dead / units;
                out[Figure.SATURATED_UNITS.ordinal()] = (double) saturated / units;
                break;
            }
            case LOWER_ASYMPTOTE: {
                double limit = bound == 0 ? margin : bound * (1 - margin);
                out[Figure.SATURATED_FRACTION.ordinal()] = (double) count(a, Conditions.lessThan(limit)) / n;
                out[Figure.ZERO_FRACTION.ordinal()] = (double) countZeros(a) / n;
                out[Figure.DEAD_UNITS.ordinal()] = fraction(a.amax(batchDims).toFloatVector(), v -> v == 0f);
                out[Figure.SATURATED_UNITS.ordinal()] = fraction(a.max(batchDims).toFloatVector(), v -> v < limit);
                break;
            }
            default: {
                out[Figure.SATURATED_FRACTION.ordinal()] = Double.NaN;
                out[Figure.SATURATED_UNITS.ordinal()] = Double.NaN;
                out[Figure.ZERO_FRACTION.ordinal()] = (double) countZeros(a) / n;
                out[Figure.DEAD_UNITS.ordinal()] = fraction(a.amax(batchDims).toFloatVector(), v -> v == 0f);
                break;
            }
        }
    }

    /** Dimensions to reduce over to get one value per unit: all but the unit (channel) dimension. */
    static int[] batchDims(int rank, boolean channelsLast) {
        if (rank <= 1) {
            return new int[] {0};
        }
        int unitDim = channelsLast ? rank - 1 : 1;
        int[] dims = new int[rank - 1];
        for (int d = 0, k = 0; d < rank; d++) {
            if (d != unitDim) {
                dims[k++] = d;
            }
        }
        return dims;
    }

    /** Squared L2 norm of an array, as a double (NaN/Inf propagate). */
    static double squaredNorm(INDArray x) {
        double norm = x.norm2Number().doubleValue();
        return norm * norm;
    }

    private static long count(INDArray a, Condition condition) {
        return Nd4j.getExecutioner().exec(new MatchCondition(a, 0.0, condition)).getLong(0);
    }

    private static long countZeros(INDArray a) {
        // eps 0: exactly zero, not "within 1e-5 of zero" as MatchCondition's default epsilon would count
        return count(a, Conditions.equals(0.0));
    }

    private interface FloatTest {
        boolean test(float v);
    }

    private static double fraction(float[] values, FloatTest test) {
        int hits = 0;
        for (float v : values) {
            if (test.test(v)) {
                hits++;
            }
        }
        return values.length == 0 ? Double.NaN : (double) hits / values.length;
    }
}
