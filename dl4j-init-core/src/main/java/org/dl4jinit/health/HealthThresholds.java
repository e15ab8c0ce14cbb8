package org.dl4jinit.health;

import java.io.Serializable;

/**
 * When a measured figure becomes a warning and when a failure. Immutable; {@link #defaults()} are tuned so
 * that a He/ReLU or Xavier/tanh network trains without a single warning while zero, tiny-Gaussian and
 * unit-Gaussian initializations are flagged on their first iteration.
 *
 * <table>
 *   <caption>defaults (warn / fail)</caption>
 *   <tr><th>figure</th><th>condition</th><th>default</th></tr>
 *   <tr><td>saturation margin m (fraction of the output range)</td><td>1</td><td>0.02</td></tr>
 *   <tr><td>fraction of saturated values, bounded activations</td><td>1</td><td>0.25 / 0.5</td></tr>
 *   <tr><td>fraction of values in a rectifier's zero region</td><td>1</td><td>0.9 / 0.99</td></tr>
 *   <tr><td>fraction of units saturated for the whole batch</td><td>1</td><td>0.1 / 0.5</td></tr>
 *   <tr><td>fraction of exactly-zero values (non-rectifiers)</td><td>2</td><td>0.5 / 0.9</td></tr>
 *   <tr><td>fraction of dead units (zero for every example)</td><td>2</td><td>0.5 / 0.9</td></tr>
 *   <tr><td>activation std relative to the input's (scale collapse)</td><td>2</td><td>1e-2 / 1e-3</td></tr>
 *   <tr><td>gradient RMS relative to the top layer's (vanishing)</td><td>gradients</td><td>1e-2 / 1e-3</td></tr>
 *   <tr><td>gradient RMS relative to the top layer's (exploding)</td><td>gradients</td><td>1e2 / 1e4</td></tr>
 *   <tr><td>update:parameter norm ratio (warning only; ≈1e-3 is healthy)</td><td>gradients</td>
 *       <td>&lt; 1e-7 or &gt; 0.1</td></tr>
 * </table>
 */
public final class HealthThresholds implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final HealthThresholds DEFAULTS = builder().build();

    private final double saturationMargin;
    private final Band saturatedFraction;
    private final Band rectifierZeroRegion;
    private final Band saturatedUnits;
    private final Band zeroFraction;
    private final Band deadUnits;
    private final Band scaleCollapse;
    private final Band vanishingGradient;
    private final Band explodingGradient;
    private final double updateRatioLow;
    private final double updateRatioHigh;

    private HealthThresholds(Builder b) {
        this.saturationMargin = b.saturationMargin;
        this.saturatedFraction = b.saturatedFraction;
        this.rectifierZeroRegion = b.rectifierZeroRegion;
        this.saturatedUnits = b.saturatedUnits;
        this.zeroFraction = b.zeroFraction;
        this.deadUnits = b.deadUnits;
        this.scaleCollapse = b.scaleCollapse;
        this.vanishingGradient = b.vanishingGradient;
        this.explodingGradient = b.explodingGradient;
        this.updateRatioLow = b.updateRatioLow;
        this.updateRatioHigh = b.updateRatioHigh;
    }

    /** @return the default thresholds (see the class documentation) */
    public static HealthThresholds defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the saturation margin, a fraction of the activation's output range */
    public double saturationMargin() {
        return saturationMargin;
    }

    /** @return warn/fail fractions of saturated values (bounded and lower-asymptote activations) */
    public Band saturatedFraction() {
        return saturatedFraction;
    }

    /** @return warn/fail fractions of values in a rectifier's zero region */
    public Band rectifierZeroRegion() {
        return rectifierZeroRegion;
    }

    /** @return warn/fail fractions of units saturated for the whole batch */
    public Band saturatedUnits() {
        return saturatedUnits;
    }

    /** @return warn/fail fractions of exactly-zero activation values (non-rectifiers) */
    public Band zeroFraction() {
        return zeroFraction;
    }

    /** @return warn/fail fractions of dead units */
    public Band deadUnits() {
        return deadUnits;
    }

    /** @return warn/fail ratios of a layer's activation std to the reference std (lower is worse) */
    public Band scaleCollapse() {
        return scaleCollapse;
    }

    /** @return warn/fail ratios of a layer's gradient RMS to the top layer's (lower is worse) */
    public Band vanishingGradient() {
        return vanishingGradient;
    }

    /** @return warn/fail ratios of a layer's gradient RMS to the top layer's (higher is worse) */
    public Band explodingGradient() {
        return explodingGradient;
    }

    /** @return the update:parameter ratio below which a layer is warned as not learning */
    public double updateRatioLow() {
        return updateRatioLow;
    }

    /** @return the update:parameter ratio above which a layer is warned as updated too hard */
    public double updateRatioHigh() {
        return updateRatioHigh;
    }

    /** A warn/fail pair. For "higher is worse" figures warn ≤ fail; for "lower is worse" warn ≥ fail. */
    public static final class Band implements Serializable {
        private static final long serialVersionUID = 1L;
        private final double warn;
        private final double fail;
        private final boolean higherIsWorse;

        private Band(double warn, double fail, boolean higherIsWorse) {
            this.warn = warn;
            this.fail = fail;
            this.higherIsWorse = higherIsWorse;
        }

        /** @return the warning threshold */
        public double warn() {
            return warn;
        }

        /** @return the failure threshold */
        public double fail() {
            return fail;
        }

        /**
         * The verdict for a measured value; NaN (not measured) is healthy.
         *
         * @param value the measured figure
         * @return FAILING beyond {@code fail}, WARNING beyond {@code warn}, else HEALTHY
         */
        public Verdict judge(double value) {
            if (Double.isNaN(value)) {
                return Verdict.HEALTHY;
            }
            if (higherIsWorse ? value > fail : value < fail) {
                return Verdict.FAILING;
            }
            if (higherIsWorse ? value > warn : value < warn) {
                return Verdict.WARNING;
            }
            return Verdict.HEALTHY;
        }

        /** The threshold crossed by a value judged {@code verdict}. */
        double threshold(Verdict verdict) {
            return verdict == Verdict.FAILING ? fail : warn;
        }

        @Override
        public String toString() {
            return (higherIsWorse ? "> " : "< ") + warn + " warn, " + (higherIsWorse ? "> " : "< ") + fail + " fail";
        }
    }

    /** Builds {@link HealthThresholds}; every setter validates its arguments at once. */
    public static final class Builder {
        private double saturationMargin = 0.02;
        private Band saturatedFraction = new Band(0.25, 0.5, true);
        private Band rectifierZeroRegion = new Band(0.9, 0.99, true);
        private Band saturatedUnits = new Band(0.1, 0.5, true);
        private Band zeroFraction = new Band(0.5, 0.9, true);
        private Band deadUnits = new Band(0.5, 0.9, true);
        private Band scaleCollapse = new Band(1e-2, 1e-3, false);
        private Band vanishingGradient = new Band(1e-2, 1e-3, false);
        private Band explodingGradient = new Band(1e2, 1e4, true);
        private double updateRatioLow = 1e-7;
        private double updateRatioHigh = 0.1;

        private Builder() {
        }

        /**
         * @param margin the saturation margin, in (0, 0.5)
         * @return this builder
         */
        public Builder saturationMargin(double margin) {
            if (!(margin > 0 && margin < 0.5)) {
                throw new IllegalArgumentException("saturationMargin must be in (0, 0.5), was " + margin);
            }
            this.saturationMargin = margin;
            return this;
        }

        /** Fractions of saturated values, in [0, 1], warn ≤ fail. */
        public Builder saturatedFraction(double warn, double fail) {
            this.saturatedFraction = fractions("saturatedFraction", warn, fail);
            return this;
        }

        /** Fractions of values in a rectifier's zero region, in [0, 1], warn ≤ fail. */
        public Builder rectifierZeroRegion(double warn, double fail) {
            this.rectifierZeroRegion = fractions("rectifierZeroRegion", warn, fail);
            return this;
        }

        /** Fractions of units saturated for the whole batch, in [0, 1], warn ≤ fail. */
        public Builder saturatedUnits(double warn, double fail) {
            this.saturatedUnits = fractions("saturatedUnits", warn, fail);
            return this;
        }

        /** Fractions of exactly-zero values, in [0, 1], warn ≤ fail. */
        public Builder zeroFraction(double warn, double fail) {
            this.zeroFraction = fractions("zeroFraction", warn, fail);
            return this;
        }

        /** Fractions of dead units, in [0, 1], warn ≤ fail. */
        public Builder deadUnits(double warn, double fail) {
            this.deadUnits = fractions("deadUnits", warn, fail);
            return this;
        }

        /** Ratios of activation std to the reference std, in (0, 1), warn ≥ fail. */
        public Builder scaleCollapse(double warn, double fail) {
            this.scaleCollapse = lowerIsWorse("scaleCollapse", warn, fail);
            return this;
        }

        /** Ratios of gradient RMS to the top layer's, in (0, 1), warn ≥ fail. */
        public Builder vanishingGradient(double warn, double fail) {
            this.vanishingGradient = lowerIsWorse("vanishingGradient", warn, fail);
            return this;
        }

        /** Ratios of gradient RMS to the top layer's, finite and &gt; 1, warn ≤ fail. */
        public Builder explodingGradient(double warn, double fail) {
            requireRange("explodingGradient.warn", warn, 1, Double.MAX_VALUE, "finite and > 1");
            requireRange("explodingGradient.fail", fail, 1, Double.MAX_VALUE, "finite and > 1");
            if (warn > fail) {
                throw new IllegalArgumentException("explodingGradient.warn (" + warn
                        + ") must be <= explodingGradient.fail (" + fail + ")");
            }
            this.explodingGradient = new Band(warn, fail, true);
            return this;
        }

        /**
         * The healthy band of the update:parameter ratio; outside it a layer gets a warning (never a failure).
         *
         * @param low  finite and &gt;= 0 (0 turns the low check off)
         * @param high finite and &gt; low
         * @return this builder
         */
        public Builder updateRatio(double low, double high) {
            if (!Double.isFinite(low) || low < 0) {
                throw new IllegalArgumentException("updateRatio.low must be finite and >= 0, was " + low);
            }
            if (!Double.isFinite(high) || high <= low) {
                throw new IllegalArgumentException("updateRatio.high must be finite and > updateRatio.low ("
                        + low + "), was " + high);
            }
            this.updateRatioLow = low;
            this.updateRatioHigh = high;
            return this;
        }

        /** @return the thresholds */
        public HealthThresholds build() {
            return new HealthThresholds(this);
        }

        private static Band fractions(String name, double warn, double fail) {
            requireRange(name + ".warn", warn, 0, 1, "in [0, 1]");
            requireRange(name + ".fail", fail, 0, 1, "in [0, 1]");
            if (warn > fail) {
                throw new IllegalArgumentException(name + ".warn (" + warn + ") must be <= " + name + ".fail ("
                        + fail + ")");
            }
            return new Band(warn, fail, true);
        }

        private static Band lowerIsWorse(String name, double warn, double fail) {
            requireOpenUnit(name + ".warn", warn);
            requireOpenUnit(name + ".fail", fail);
            if (warn < fail) {
                throw new IllegalArgumentException(name + ".warn (" + warn + ") must be >= " + name + ".fail ("
                        + fail + "): lower ratios are worse");
            }
            return new Band(warn, fail, false);
        }

        private static void requireOpenUnit(String name, double value) {
            if (!(value > 0 && value < 1)) {
                throw new IllegalArgumentException(name + " must be in (0, 1), was " + value);
            }
        }

        private static void requireRange(String name, double value, double lo, double hi, String rule) {
            if (!(value >= lo && value <= hi) || (rule.startsWith("finite and >") && value <= lo)) {
                throw new IllegalArgumentException(name + " must be " + rule + ", was " + value);
            }
        }
    }
}
