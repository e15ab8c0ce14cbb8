package org.dl4jinit.init;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Truncated normal weights: N(mean, std²) restricted to {@code [mean − k·std, mean + k·std]}; draws outside
 * are redrawn (rejection sampling), default {@code k = 2} as TensorFlow's {@code truncated_normal}. Ignores
 * the fans.
 *
 * <p>{@code std} is the standard deviation of the normal <em>before</em> truncation, as in TensorFlow and
 * PyTorch's {@code trunc_normal_}; the variance after truncation at k is smaller,
 * {@code std² · (1 − 2kφ(k)/(2Φ(k)−1))} (0.774·std² for k = 2). For a target variance after truncation, use
 * {@link VarianceScalingInit} with {@link InitDistribution#TRUNCATED_NORMAL}, which corrects for it.
 */
public final class TruncatedNormalInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    /** The default truncation bound, in standard deviations. */
    public static final double DEFAULT_BOUND = 2.0;

    private final double mean;
    private final double std;
    private final double bound;

    /**
     * Truncated at two standard deviations.
     *
     * @param mean the mean, finite
     * @param std  the standard deviation before truncation, finite and &gt; 0
     */
    public TruncatedNormalInit(double mean, double std) {
        this(mean, std, DEFAULT_BOUND);
    }

    /**
     * @param mean  the mean, finite
     * @param std   the standard deviation before truncation, finite and &gt; 0
     * @param bound the truncation bound k in standard deviations, finite and &gt;= 0.5 (below that, almost
     *              every draw is rejected)
     * @throws IllegalArgumentException if an argument breaks its rule; at {@code init}, if
     *                                  {@code |mean| + min(bound, 16)·std} exceeds the largest value of the
     *                                  network's data type or std is below its smallest normal value
     */
    public TruncatedNormalInit(double mean, double std, double bound) {
        this.mean = Checks.finite("mean", mean);
        this.std = Checks.positive("std", std);
        if (!Double.isFinite(bound) || bound < 0.5) {
            throw new IllegalArgumentException("bound must be finite and >= 0.5 standard deviations, was " + bound);
        }
        this.bound = bound;
    }

    @JsonCreator
    private static TruncatedNormalInit fromJson(@JsonProperty("mean") Double mean, @JsonProperty("std") Double std,
            @JsonProperty("bound") Double bound) {
        return new TruncatedNormalInit(JsonArgs.number("mean", mean), JsonArgs.number("std", std),
                JsonArgs.number("bound", bound));
    }

    @Override
    INDArray fill(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        Checks.representable(this, paramView, "|mean| + min(bound, " + (int) Checks.NORMAL_REACH + ")·std",
                Math.abs(mean) + Math.min(bound, Checks.NORMAL_REACH) * std, "std", std);
        Sampling.truncatedNormal(paramView, mean, std, bound);
        return paramView.reshape(order, shape);
    }

    /** @return the mean */
    public double getMean() {
        return mean;
    }

    /** @return the standard deviation before truncation */
    public double getStd() {
        return std;
    }

    /** @return the truncation bound k, in standard deviations */
    public double getBound() {
        return bound;
    }

    /**
     * The variance after truncation: {@code std² · (1 − 2kφ(k) / (2Φ(k) − 1))}.
     *
     * @return the variance of the truncated distribution
     */
    public double truncatedVariance() {
        return std * std * truncatedVarianceFactor(bound);
    }

    /** Variance of N(0,1) truncated to [−k, k]: {@code 1 − 2kφ(k) / (2Φ(k) − 1)}. */
    static double truncatedVarianceFactor(double k) {
        double pdf = Math.exp(-0.5 * k * k) / Math.sqrt(2 * Math.PI);
        double mass = erf(k / Math.sqrt(2));
        return 1 - 2 * k * pdf / mass;
    }

    /**
     * erf(x) for x &gt;= 0 by its Maclaurin series; absolute error below 1e-8 (beyond x = 4, erf(x) is 1 to
     * within 1.6e-8 and 1 is returned).
     */
    static double erf(double x) {
        if (x > 4) {
            return 1.0;
        }
        double sum = x;
        double term = x;
        double x2 = x * x;
        for (int n = 1; n < 200; n++) {
            term *= -x2 / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17) {
                break;
            }
        }
        return Math.min(1.0, 2 / Math.sqrt(Math.PI) * sum);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TruncatedNormalInit)) {
            return false;
        }
        TruncatedNormalInit that = (TruncatedNormalInit) o;
        return Double.compare(mean, that.mean) == 0 && Double.compare(std, that.std) == 0
                && Double.compare(bound, that.bound) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(mean, std, bound);
    }

    @Override
    public String toString() {
        return "TruncatedNormalInit(mean=" + mean + ", std=" + std + ", bound=" + bound + ")";
    }
}
