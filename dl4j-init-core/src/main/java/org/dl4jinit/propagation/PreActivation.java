package org.dl4jinit.propagation;

/**
 * A Gaussian pre-activation in the mean-field picture: every value of a layer is {@code z = μ + √q_g·ξ} with ξ
 * ~ N(0, 1), where {@code q_g} is the variance for the examples of input group g; two values of the same unit
 * share a part of it. Covariances are of the centered values: between two examples at the same feature
 * ({@code crossFeature}), between two random values of one unit or channel ({@code crossUnit}) and between two
 * adjacent positions of one example ({@code neighbor}).
 */
final class PreActivation {

    private final double mean;
    private final double[] q;
    private final double[] weights;
    private final Cross cross;

    PreActivation(double mean, double[] q, double[] weights, Cross cross) {
        this.mean = mean;
        this.q = q;
        this.weights = weights;
        double pooled = pooled(q, weights);
        this.cross = new Cross(clamp(cross.feature, pooled), clamp(cross.same, pooled), clamp(cross.unit, pooled),
                clamp(cross.neighbor, pooled));
    }

    private static double clamp(double c, double q) {
        if (!Double.isFinite(c)) {
            return 0;
        }
        return Math.max(-q, Math.min(q, c));
    }

    static double pooled(double[] values, double[] weights) {
        double s = 0;
        for (int g = 0; g < values.length; g++) {
            s += weights[g] * values[g];
        }
        return s;
    }

    /** @return μ, the common mean (the bias) */
    double mean() {
        return mean;
    }

    /** @return the variance per input group (not a copy: do not modify) */
    double[] variances() {
        return q;
    }

    /** @return the group weights (not a copy) */
    double[] weights() {
        return weights;
    }

    /** @return the variance over all examples, Σ_g w_g·q_g */
    double variance() {
        return pooled(q, weights);
    }

    /** @return the covariances (centred two-point products) */
    Cross cross() {
        return cross;
    }

    /** @return the correlation that goes with a covariance, in [−1, 1] (0 when the variance is 0) */
    double correlation(double covariance) {
        double v = variance();
        return v > 0 ? Math.max(-1, Math.min(1, covariance / v)) : 0;
    }
}
