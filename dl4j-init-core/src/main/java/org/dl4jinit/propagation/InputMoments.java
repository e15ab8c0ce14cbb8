package org.dl4jinit.propagation;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the analysis needs to know about the network input: the second moments it starts from. Either assumed
 * ({@link #ofVariance}: independent zero-mean values of one variance) or measured from a sample of features
 * ({@link #of(INDArray)}); the second is a reduction of the data to a handful of numbers, not a forward pass.
 *
 * <ul>
 *   <li>Per-example second moments {@code q_a = |x_a|²/n}, summarized by {@value #GROUPS} equal-count groups (the
 *       group means): mean-field theory propagates each example's own {@code q} (Poole et al. 2016, eq. 3), and
 *       for a saturating activation a spread of {@code q} changes the layer's std (on standardized Fashion-MNIST
 *       {@code q_a} ranges from 0.19 to 2.66).</li>
 *   <li>The mean product of two examples at the same feature ({@code crossExample}; for dense layers the
 *       off-diagonal of the input kernel), of two values of one channel at random positions and examples
 *       ({@code crossUnit}; what a convolution's channel shares) and of horizontally or vertically adjacent values
 *       of one example ({@code neighbor}; what a pooling window shares). For independent inputs all three are 0.
 *       </li>
 * </ul>
 * Immutable.
 */
public final class InputMoments implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Groups of examples by second moment. */
    static final int GROUPS = 8;

    private final double mean;
    private final double variance;
    private final double[] groupSecondMoments;
    private final double[] groupWeights;
    private final double exampleSpread;
    private final double crossExample;
    private final double crossUnit;
    private final double neighbor;
    private final double sameLabelPairs;
    private final double crossSameLabel;
    private final double secondMomentSquared;
    private final double crossSquared;
    private final boolean batch;
    private final String source;

    private InputMoments(double mean, double variance, double[] groupSecondMoments, double[] groupWeights,
            double exampleSpread, double crossExample, double crossUnit, double neighbor, double sameLabelPairs,
            double crossSameLabel, double secondMomentSquared, double crossSquared, boolean batch, String source) {
        this.mean = mean;
        this.variance = variance;
        this.groupSecondMoments = groupSecondMoments;
        this.groupWeights = groupWeights;
        this.exampleSpread = exampleSpread;
        this.crossExample = crossExample;
        this.crossUnit = crossUnit;
        this.neighbor = neighbor;
        this.sameLabelPairs = sameLabelPairs;
        this.crossSameLabel = crossSameLabel;
        this.secondMomentSquared = secondMomentSquared;
        this.crossSquared = crossSquared;
        this.batch = batch;
        this.source = source;
    }

    /**
     * Independent, zero-mean input values of one variance (e.g. 1 for standardized inputs), all examples alike.
     *
     * @param variance the variance of every input value, finite and &gt;= 0
     * @return the moments
     * @throws IllegalArgumentException if the variance is negative, NaN or infinite
     */
    public static InputMoments ofVariance(double variance) {
        if (!(variance >= 0) || !Double.isFinite(variance)) {
            throw new IllegalArgumentException("inputVariance must be finite and >= 0, was " + variance);
        }
        return new InputMoments(0, variance, new double[] {variance}, new double[] {1}, 0, 0, 0, 0, 0, 0, Double.NaN,
                Double.NaN, false,
                String.format(Locale.ROOT, "assumed: independent zero-mean inputs of variance %.4g", variance));
    }

    /**
     * Measures the moments of a sample of network inputs: [examples, features] for dense inputs or
     * [examples, channels, height, width] (NCHW) for images. The sample stands for the data batches are drawn
     * from: the finite-width band also covers the spread of a batch of the configured size around it.
     *
     * @param features at least 2 examples, finite values
     * @return the moments
     * @throws IllegalArgumentException if the array is null, has another rank, fewer than 2 examples or a
     *                                  non-finite value
     */
    public static InputMoments of(INDArray features) {
        return measure(features, null, false);
    }

    /**
     * As {@link #of(INDArray)}, with the labels: two examples of one class are more alike than two of different
     * classes, and at initialization that correlates the output error across examples ({@code δ = p − y}), which
     * sets the size of every weight gradient. Labels are one-hot [examples, classes] (or a single column of class
     * indices).
     *
     * @param features at least 2 examples, finite values
     * @param labels   one row per example
     * @return the moments
     * @throws IllegalArgumentException as {@link #of(INDArray)}, or if the labels do not have one row per example
     */
    public static InputMoments of(INDArray features, INDArray labels) {
        if (labels == null || labels.rank() != 2 || labels.size(0) != (features == null ? -1 : features.size(0))) {
            throw new IllegalArgumentException("labels must be [examples, classes] with one row per example ("
                    + (features == null ? "null" : features.size(0)) + "), had shape "
                    + (labels == null ? "null" : Arrays.toString(labels.shape())));
        }
        return measure(features, labels, false);
    }

    /**
     * The moments of exactly the batch the network will see (e.g. the first batch of training): predictions are
     * then conditional on it, and the band covers only the network's finite width.
     *
     * @param features the batch's features, at least 2 examples
     * @param labels   the batch's labels, one row per example, or null
     * @return the moments
     * @throws IllegalArgumentException as {@link #of(INDArray, INDArray)}
     */
    public static InputMoments ofBatch(INDArray features, INDArray labels) {
        if (labels != null) {
            of(features, labels); // validates
        }
        return measure(features, labels, true);
    }

    private static InputMoments measure(INDArray features, INDArray labels, boolean batch) {
        if (features == null) {
            throw new IllegalArgumentException("features must not be null");
        }
        int rank = features.rank();
        if (rank != 2 && rank != 4) {
            throw new IllegalArgumentException("features must have rank 2 [examples, features] or 4 [examples, "
                    + "channels, height, width], had shape " + Arrays.toString(features.shape()));
        }
        long b = features.size(0);
        if (b < 2 || features.length() / b < 1 || features.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("features must hold at least 2 examples of at least one value (and "
                    + "fewer than 2^31 values), had shape " + Arrays.toString(features.shape()));
        }
        int examples = (int) b;
        double[] x = features.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int per = x.length / examples;
        int channels = rank == 4 ? (int) features.size(1) : per;
        int height = rank == 4 ? (int) features.size(2) : 1;
        int width = rank == 4 ? (int) features.size(3) : 1;
        int positions = height * width;
        double sum = 0;
        double sumSq = 0;
        double[] q = new double[examples];
        for (int a = 0; a < examples; a++) {
            double s = 0;
            for (int i = 0; i < per; i++) {
                double v = x[a * per + i];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("features must be finite, found " + v + " in example " + a);
                }
                s += v * v;
                sum += v;
            }
            sumSq += s;
            q[a] = s / per;
        }
        long n = (long) examples * per;
        double mean = sum / n;
        double variance = Math.max(0, sumSq / n - mean * mean);
        // same feature, two different examples: (|Σ_a x_aj|² − Σ_a x_aj²) / (B(B−1)), averaged over features
        double cross = 0;
        for (int j = 0; j < per; j++) {
            double s = 0;
            double s2 = 0;
            for (int a = 0; a < examples; a++) {
                double v = x[a * per + j];
                s += v;
                s2 += v * v;
            }
            cross += (s * s - s2) / ((double) examples * (examples - 1));
        }
        cross /= per;
        // same feature, two different examples of one class: per class, (|Σ x|² − Σ x²) summed, over the pairs
        double samePairs = 0;
        double crossSame = cross;
        if (labels != null) {
            int[] label = classes(labels);
            int k = Arrays.stream(label).max().orElse(0) + 1;
            double[] sums = new double[k * per];
            double[] counts = new double[k];
            double sumSquares = 0;
            for (int a = 0; a < examples; a++) {
                counts[label[a]]++;
                for (int j = 0; j < per; j++) {
                    double v = x[a * per + j];
                    sums[label[a] * per + j] += v;
                    sumSquares += v * v;
                }
            }
            double pairs = 0;
            double prod = 0;
            for (int c = 0; c < k; c++) {
                pairs += counts[c] * (counts[c] - 1);
                for (int j = 0; j < per; j++) {
                    double v = sums[c * per + j];
                    prod += v * v;
                }
            }
            samePairs = pairs / ((double) examples * (examples - 1));
            crossSame = pairs > 0 ? (prod - sumSquares) / (pairs * per) : cross;
        }
        // one channel, two different points (example, position), averaged over channels
        double unit = cross;
        double neighbor = 0;
        if (rank == 4) {
            unit = 0;
            long pts = (long) examples * positions;
            for (int c = 0; c < channels; c++) {
                double s = 0;
                double s2 = 0;
                for (int a = 0; a < examples; a++) {
                    int base = a * per + c * positions;
                    for (int p = 0; p < positions; p++) {
                        double v = x[base + p];
                        s += v;
                        s2 += v * v;
                    }
                }
                unit += (s * s - s2) / ((double) pts * (pts - 1));
            }
            unit /= channels;
            double prod = 0;
            long pairs = 0;
            for (int a = 0; a < examples; a++) {
                for (int c = 0; c < channels; c++) {
                    int base = a * per + c * positions;
                    for (int h = 0; h < height; h++) {
                        for (int w = 0; w < width; w++) {
                            double v = x[base + h * width + w];
                            if (w + 1 < width) {
                                prod += v * x[base + h * width + w + 1];
                                pairs++;
                            }
                            if (h + 1 < height) {
                                prod += v * x[base + (h + 1) * width + w];
                                pairs++;
                            }
                        }
                    }
                }
            }
            neighbor = pairs == 0 ? 0 : prod / pairs;
        }
        // E[q_a²] and E[c_ab²], c_ab = x_a·x_b/n over pairs of different examples (at most 256 examples)
        int sub = Math.min(examples, 256);
        double q2 = 0;
        double c2 = 0;
        for (int a = 0; a < sub; a++) {
            q2 += q[a] * q[a];
            for (int b2 = a + 1; b2 < sub; b2++) {
                double dot = 0;
                for (int j = 0; j < per; j++) {
                    dot += x[a * per + j] * x[b2 * per + j];
                }
                dot /= per;
                c2 += dot * dot;
            }
        }
        q2 /= sub;
        c2 = sub > 1 ? c2 / ((double) sub * (sub - 1) / 2) : 0;
        double[] sorted = q.clone();
        Arrays.sort(sorted);
        int g = Math.min(GROUPS, examples);
        double[] groupQ = new double[g];
        double[] weights = new double[g];
        double meanQ = 0;
        for (int k = 0; k < g; k++) {
            int from = (int) ((long) k * examples / g);
            int to = (int) ((long) (k + 1) * examples / g);
            double s = 0;
            for (int a = from; a < to; a++) {
                s += sorted[a];
            }
            groupQ[k] = s / (to - from);
            weights[k] = (double) (to - from) / examples;
            meanQ += s;
        }
        meanQ /= examples;
        double spread = 0;
        for (double v : q) {
            spread += (v - meanQ) * (v - meanQ);
        }
        spread = meanQ > 0 ? spread / examples / (meanQ * meanQ) : 0;
        return new InputMoments(mean, variance, groupQ, weights, spread, cross, unit, neighbor, samePairs, crossSame,
                q2, c2, batch, String.format(Locale.ROOT, "measured on %s of %d examples: mean %.4g, variance %.4g, per-example "
                        + "second moment %.3g..%.3g, cross-example product %.4g%s", batch ? "the batch" : "a sample",
                        examples, mean, variance, sorted[0], sorted[examples - 1], cross,
                        labels == null ? "" : String.format(Locale.ROOT, " (same class %.4g)", crossSame)));
    }

    private static int[] classes(INDArray labels) {
        double[][] y = labels.castTo(DataType.DOUBLE).toDoubleMatrix();
        int[] out = new int[y.length];
        for (int a = 0; a < y.length; a++) {
            if (y[a].length == 1) {
                out[a] = (int) y[a][0];
            } else {
                int best = 0;
                for (int c = 1; c < y[a].length; c++) {
                    best = y[a][c] > y[a][best] ? c : best;
                }
                out[a] = best;
            }
            if (out[a] < 0) {
                throw new IllegalArgumentException("class indices must be >= 0, was " + out[a] + " for example " + a);
            }
        }
        return out;
    }

    /** @return the mean of the input values */
    public double mean() {
        return mean;
    }

    /** @return the variance of the input values (over all values of all examples) */
    public double variance() {
        return variance;
    }

    /** @return the mean second moment E[x²] */
    public double secondMoment() {
        double s = 0;
        for (int g = 0; g < groupWeights.length; g++) {
            s += groupWeights[g] * groupSecondMoments[g];
        }
        return s;
    }

    /** @return the per-group mean second moments (one group for assumed moments) */
    public double[] groupSecondMoments() {
        return groupSecondMoments.clone();
    }

    /** @return the fraction of examples in each group */
    public double[] groupWeights() {
        return groupWeights.clone();
    }

    /** @return Var_a(q_a) / E[q_a]²: how much the examples' second moments differ (0 if assumed) */
    public double exampleSpread() {
        return exampleSpread;
    }

    /** @return E[x_aj·x_bj] for two different examples a, b at the same feature j */
    public double crossExample() {
        return crossExample;
    }

    /** @return E[x·x'] for two different values of one channel (any examples and positions) */
    public double crossUnit() {
        return crossUnit;
    }

    /** @return E[x·x'] for two adjacent values of one channel of one example (0 for dense inputs) */
    public double neighbor() {
        return neighbor;
    }

    /** @return the fraction of pairs of examples with the same label (0 without labels) */
    public double sameLabelPairs() {
        return sameLabelPairs;
    }

    /** @return E[x_aj·x_bj] for two different examples of the same class (crossExample without labels) */
    public double crossSameLabel() {
        return crossSameLabel;
    }

    /**
     * How unevenly the input's second moment spreads over directions, for a batch of {@code batchSize}:
     * {@code tr(K²)/tr(K)²} of the batch's second-moment matrix K = XᵀX/B, which is
     * {@code (E[q_a²]/B + (1 − 1/B)·E[c_ab²]) / E[q_a]²} with {@code c_ab = x_a·x_b/n}. It sets how much the first
     * layer's units differ in scale ({@code 2·tr(K²)/tr(K)²} for Gaussian weights): about 1/n for independent
     * inputs, far more for images, whose pixels move together. NaN for assumed moments.
     *
     * @param batchSize examples per batch, &gt;= 1
     * @return the ratio, or NaN
     */
    public double directionalSpread(int batchSize) {
        double m = secondMoment();
        if (Double.isNaN(crossSquared) || !(m > 0)) {
            return Double.NaN;
        }
        double b = Math.max(1, batchSize);
        return (secondMomentSquared / b + (1 - 1 / b) * crossSquared) / (m * m);
    }

    /** @return whether these are the moments of the very batch the network sees (no batch-to-batch spread) */
    public boolean isBatch() {
        return batch;
    }

    /** @return where the moments come from, in one line */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "InputMoments(" + source + ")";
    }
}
