package org.dl4jinit.init;

/**
 * Expected mean, variance and kurtosis (E[(x−μ)⁴]/σ⁴) of the weights an initializer draws. The kurtosis sets
 * the statistical tolerance of the sample variance: its standard error is σ²·sqrt((κ − 1)/n). An exact
 * (deterministic) fill has tolerance zero up to float rounding.
 */
final class Moments {
    static final double NORMAL_KURTOSIS = 3.0;
    static final double UNIFORM_KURTOSIS = 1.8;
    /** Kurtosis of a standard normal truncated at ±2: E[x⁴]/E[x²]² of the truncated distribution. */
    static final double TRUNCATED2_KURTOSIS = 2.3655;

    final double mean;
    final double variance;
    final double kurtosis;
    final boolean exact;

    private Moments(double mean, double variance, double kurtosis, boolean exact) {
        this.mean = mean;
        this.variance = variance;
        this.kurtosis = kurtosis;
        this.exact = exact;
    }

    static Moments random(double mean, double variance, double kurtosis) {
        return new Moments(mean, variance, kurtosis, false);
    }

    static Moments normal(double variance) {
        return random(0, variance, NORMAL_KURTOSIS);
    }

    static Moments uniform(double variance) {
        return random(0, variance, UNIFORM_KURTOSIS);
    }

    static Moments truncated(double variance) {
        return random(0, variance, TRUNCATED2_KURTOSIS);
    }

    static Moments exact(double mean, double variance) {
        return new Moments(mean, variance, Double.NaN, true);
    }

    @Override
    public String toString() {
        return "mean=" + mean + ", variance=" + variance + (exact ? " (exact)" : ", kurtosis=" + kurtosis);
    }
}
