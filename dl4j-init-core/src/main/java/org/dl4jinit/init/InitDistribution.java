package org.dl4jinit.init;

/**
 * The distribution a variance-scaling initializer draws from, for a target variance {@code v}.
 *
 * <ul>
 *   <li>{@link #NORMAL}: {@code N(0, v)}.</li>
 *   <li>{@link #TRUNCATED_NORMAL}: a normal with standard deviation {@code sqrt(v) / 0.87962566103423978},
 *       redrawn beyond two of those standard deviations. The constant is the standard deviation of a
 *       standard normal truncated to [-2, 2], so the variance after truncation is {@code v} (as in Keras'
 *       {@code VarianceScaling}; DL4J's own truncated variants omit it and come out at 0.77·v).</li>
 *   <li>{@link #UNIFORM}: {@code U(-sqrt(3v), sqrt(3v))}, whose variance is {@code v}.</li>
 * </ul>
 */
public enum InitDistribution {
    /** Normal with the target variance. */
    NORMAL,
    /** Normal truncated at two standard deviations, rescaled so the truncated variance is the target. */
    TRUNCATED_NORMAL,
    /** Uniform on {@code [-sqrt(3v), sqrt(3v)]}. */
    UNIFORM;

    /** Standard deviation of N(0,1) truncated to [-2, 2]. */
    public static final double TRUNCATED_NORMAL_STD = 0.87962566103423978;

    /** Truncation bound of {@link #TRUNCATED_NORMAL}, in standard deviations. */
    public static final double TRUNCATION_BOUND = 2.0;

    /**
     * The largest magnitude a draw of standard deviation {@code std} can have: {@link Checks#NORMAL_REACH}·std
     * for the normal, the truncation bound for the truncated normal, sqrt(3)·std for the uniform.
     */
    double reach(double std) {
        switch (this) {
            case NORMAL:
                return Checks.NORMAL_REACH * std;
            case TRUNCATED_NORMAL:
                return TRUNCATION_BOUND * std / TRUNCATED_NORMAL_STD;
            default:
                return Math.sqrt(3.0) * std;
        }
    }

    /** {@link #reach} in words, for messages. */
    String reachName() {
        switch (this) {
            case NORMAL:
                return (int) Checks.NORMAL_REACH + "·std";
            case TRUNCATED_NORMAL:
                return "2·std/" + TRUNCATED_NORMAL_STD;
            default:
                return "sqrt(3)·std";
        }
    }

    /**
     * Fills {@code view} in place with zero-mean draws of the given variance.
     *
     * @param view     the array to fill
     * @param variance the target variance, finite and &gt;= 0
     */
    void fill(org.nd4j.linalg.api.ndarray.INDArray view, double variance) {
        double std = Math.sqrt(variance);
        switch (this) {
            case NORMAL:
                Sampling.normal(view, 0.0, std);
                break;
            case TRUNCATED_NORMAL:
                Sampling.truncatedNormal(view, 0.0, std / TRUNCATED_NORMAL_STD, TRUNCATION_BOUND);
                break;
            default:
                double limit = Math.sqrt(3.0 * variance);
                Sampling.uniform(view, -limit, limit);
                break;
        }
    }
}
