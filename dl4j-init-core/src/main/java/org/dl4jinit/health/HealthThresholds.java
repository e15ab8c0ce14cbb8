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
 *   <tr><td>smallest batch whose per-unit figures (dead units, units saturated for the whole batch) are
 *       measured</td><td>1, 2</td><td>8 examples</td></tr>
 * </table>
 *
 * <p><b>Hysteresis.</b> A finding enters as soon as its figure crosses a threshold, and leaves only when the
 * figure has recovered past that threshold by a margin: for fractions by {@link #fractionMargin()} (default
 * 0.05, e.g. a dead-unit WARNING entered above 0.5 leaves below 0.45), for ratios by the factor
 * {@link #ratioFactor()} (default 2, e.g. a scale-collapse WARNING entered below 1e-2 leaves above 2e-2). A
 * figure that hovers around a threshold therefore yields one finding, not one per crossing.
 *
 * <p><b>Minimum batch.</b> A unit "zero for every example of the batch" is evidence of a dead unit only when the
 * batch has enough examples: a healthy ReLU unit, active on each example independently with probability q (1/2
 * for pre-activations symmetric about 0), is zero for a whole batch of B examples with probability
 * (1 − q)<sup>B</sup>. At B = 1 that is 1/2, so about half of a healthy layer's units look dead in every iteration
 * and the dead-unit fraction hovers at the 0.5 warning threshold; at B = 2 it is 1/4, and a layer of 4 units has 3
 * or more "dead" in 5% of the iterations. At the default minimum of 8 it is 1/256: a healthy layer's expected
 * dead fraction is 0.4%, more than 100× below the warning threshold, a warning needs more than half of the units
 * dead at once (for 4 or more units less than 10<sup>−6</sup> per iteration), and even a single-unit layer is
 * flagged in 0.4% of the iterations. A unit active on only a quarter of the examples is counted dead with
 * probability 0.75<sup>8</sup> = 10%. Units saturated for the whole batch (tanh, sigmoid) follow the same
 * reasoning. Below {@link #minimumBatch()} examples these two per-unit figures are therefore not measured (NaN)
 * and not judged; every other figure is.
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
    private final double fractionMargin;
    private final double ratioFactor;
    private final int minimumBatch;

    private HealthThresholds(Builder b) {
        this.fractionMargin = b.fractionMargin;
        this.ratioFactor = b.ratioFactor;
        this.saturationMargin = b.saturationMargin;
        this.saturatedFraction = b.saturatedFraction.withExits(fractionMargin, ratioFactor);
        this.rectifierZeroRegion = b.rectifierZeroRegion.withExits(fractionMargin, ratioFactor);
        this.saturatedUnits = b.saturatedUnits.withExits(fractionMargin, ratioFactor);
        this.zeroFraction = b.zeroFraction.withExits(fractionMargin, ratioFactor);
        this.deadUnits = b.deadUnits.withExits(fractionMargin, ratioFactor);
        this.scaleCollapse = b.scaleCollapse.withExits(fractionMargin, ratioFactor);
        this.vanishingGradient = b.vanishingGradient.withExits(fractionMargin, ratioFactor);
        this.explodingGradient = b.explodingGradient.withExits(fractionMargin, ratioFactor);
        this.updateRatioLow = b.updateRatioLow;
        this.updateRatioHigh = b.updateRatioHigh;
        this.minimumBatch = b.minimumBatch;
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

    /**
     * @return the smallest batch, in examples, whose per-unit figures (dead units, units saturated for the whole
     *         batch) are measured and judged (see the class documentation)
     */
    public int minimumBatch() {
        return minimumBatch;
    }

    /** @return by how much a fraction must recover past the threshold it crossed before its finding leaves */
    public double fractionMargin() {
        return fractionMargin;
    }

    /** @return by what factor a ratio must recover past the threshold it crossed before its finding leaves */
    public double ratioFactor() {
        return ratioFactor;
    }

    /**
     * The verdict of the update:parameter ratio with hysteresis: WARNING outside [low, high], staying WARNING
     * until the ratio is back inside by {@link #ratioFactor()}. NaN (not measured) is HEALTHY.
     *
     * @param ratio    the measured ratio
     * @param previous the verdict of the previous checked iteration
     * @return HEALTHY or WARNING
     */
    public Verdict judgeUpdateRatio(double ratio, Verdict previous) {
        if (Double.isNaN(ratio)) {
            return Verdict.HEALTHY;
        }
        if (ratio < updateRatioLow || ratio > updateRatioHigh) {
            return Verdict.WARNING;
        }
        boolean stay = previous != Verdict.HEALTHY
                && (ratio > updateRatioHigh / ratioFactor || ratio < updateRatioLow * ratioFactor);
        return stay ? Verdict.WARNING : Verdict.HEALTHY;
    }

    /**
     * A warn/fail pair with the exits of its hysteresis. For "higher is worse" figures warn ≤ fail; for "lower
     * is worse" figures warn ≥ fail.
     */
    public static final class Band implements Serializable {
        private static final long serialVersionUID = 2L;
        private final double warn;
        private final double fail;
        private final boolean higherIsWorse;
        private final boolean fraction;
        private final double exitWarn;
        private final double exitFail;

        private Band(double warn, double fail, boolean higherIsWorse, boolean fraction) {
            this(warn, fail, higherIsWorse, fraction, warn, fail);
        }

        private Band(double warn, double fail, boolean higherIsWorse, boolean fraction, double exitWarn,
                double exitFail) {
            this.warn = warn;
            this.fail = fail;
            this.higherIsWorse = higherIsWorse;
            this.fraction = fraction;
            this.exitWarn = exitWarn;
            this.exitFail = exitFail;
        }

        /** The band with exits a margin (fractions) or a factor (ratios) past its thresholds. */
        Band withExits(double fractionMargin, double ratioFactor) {
            return new Band(warn, fail, higherIsWorse, fraction, exit(warn, fractionMargin, ratioFactor),
                    exit(fail, fractionMargin, ratioFactor));
        }

        private double exit(double threshold, double fractionMargin, double ratioFactor) {
            if (fraction) {
                return higherIsWorse ? Math.max(0, threshold - fractionMargin)
                        : Math.min(1, threshold + fractionMargin);
            }
            return higherIsWorse ? threshold / ratioFactor : threshold * ratioFactor;
        }

        /** @return the warning threshold */
        public double warn() {
            return warn;
        }

        /** @return the failure threshold */
        public double fail() {
            return fail;
        }

        /** @return whether higher values are worse */
        public boolean higherIsWorse() {
            return higherIsWorse;
        }

        /** @return the value a WARNING must recover past to leave */
        public double exitWarn() {
            return exitWarn;
        }

        /** @return the value a FAILING must recover past to leave (it is then judged afresh) */
        public double exitFail() {
            return exitFail;
        }

        /**
         * The verdict for a measured value, without history; NaN (not measured) is healthy.
         *
         * @param value the measured figure
         * @return FAILING beyond {@code fail}, WARNING beyond {@code warn}, else HEALTHY
         */
        public Verdict judge(double value) {
            if (Double.isNaN(value)) {
                return Verdict.HEALTHY;
            }
            if (beyond(value, fail)) {
                return Verdict.FAILING;
            }
            if (beyond(value, warn)) {
                return Verdict.WARNING;
            }
            return Verdict.HEALTHY;
        }

        /**
         * The verdict for a measured value given the previous checked iteration's: a finding enters beyond its
         * threshold and leaves only once the value is back past the threshold's exit. NaN (not measured) is
         * healthy.
         *
         * @param value    the measured figure
         * @param previous the verdict of the same figure in the previous checked iteration
         * @return the verdict
         */
        public Verdict judge(double value, Verdict previous) {
            Verdict now = judge(value);
            if (Double.isNaN(value) || now.ordinal() >= previous.ordinal()) {
                return now;
            }
            if (previous == Verdict.FAILING && !recovered(value, exitFail)) {
                return Verdict.FAILING;
            }
            if (previous.ordinal() >= Verdict.WARNING.ordinal() && !recovered(value, exitWarn)) {
                return Verdict.WARNING;
            }
            return now;
        }

        private boolean beyond(double value, double threshold) {
            return higherIsWorse ? value > threshold : value < threshold;
        }

        private boolean recovered(double value, double exit) {
            return higherIsWorse ? value <= exit : value >= exit;
        }

        /** The threshold crossed by a value judged {@code verdict}. */
        double threshold(Verdict verdict) {
            return verdict == Verdict.FAILING ? fail : warn;
        }

        @Override
        public String toString() {
            String op = higherIsWorse ? "> " : "< ";
            return op + warn + " warn, " + op + fail + " fail (leave at " + exitWarn + " / " + exitFail + ")";
        }
    }

    /** Builds {@link HealthThresholds}; every setter validates its arguments at once. */
    public static final class Builder {
        private double saturationMargin = 0.02;
        private Band saturatedFraction = new Band(0.25, 0.5, true, true);
        private Band rectifierZeroRegion = new Band(0.9, 0.99, true, true);
        private Band saturatedUnits = new Band(0.1, 0.5, true, true);
        private Band zeroFraction = new Band(0.5, 0.9, true, true);
        private Band deadUnits = new Band(0.5, 0.9, true, true);
        private Band scaleCollapse = new Band(1e-2, 1e-3, false, false);
        private Band vanishingGradient = new Band(1e-2, 1e-3, false, false);
        private Band explodingGradient = new Band(1e2, 1e4, true, false);
        private double updateRatioLow = 1e-7;
        private double updateRatioHigh = 0.1;
        private double fractionMargin = 0.05;
        private double ratioFactor = 2;
        private int minimumBatch = 8;

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
            this.explodingGradient = new Band(warn, fail, true, false);
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

        /**
         * How far a figure must recover past the threshold it crossed before its finding leaves (see the class
         * documentation).
         *
         * @param fractionMargin for fractions, in [0, 0.5) (default 0.05; 0 turns hysteresis off for them)
         * @param ratioFactor    for ratios, finite and &gt;= 1 (default 2; 1 turns hysteresis off for them)
         * @return this builder
         */
        public Builder hysteresis(double fractionMargin, double ratioFactor) {
            if (!(fractionMargin >= 0 && fractionMargin < 0.5)) {
                throw new IllegalArgumentException("hysteresis.fractionMargin must be in [0, 0.5), was "
                        + fractionMargin);
            }
            if (!(ratioFactor >= 1 && ratioFactor < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("hysteresis.ratioFactor must be finite and >= 1, was "
                        + ratioFactor);
            }
            this.fractionMargin = fractionMargin;
            this.ratioFactor = ratioFactor;
            return this;
        }

        /**
         * The smallest batch whose per-unit figures (dead units, units saturated for the whole batch) are measured
         * and judged; below it they are NaN (see the class documentation for why 8).
         *
         * @param examples &gt;= 1 (1 measures them on every batch)
         * @return this builder
         */
        public Builder minimumBatch(int examples) {
            if (examples < 1) {
                throw new IllegalArgumentException("minimumBatch must be >= 1 examples, was " + examples);
            }
            this.minimumBatch = examples;
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
            return new Band(warn, fail, true, true);
        }

        private static Band lowerIsWorse(String name, double warn, double fail) {
            requireOpenUnit(name + ".warn", warn);
            requireOpenUnit(name + ".fail", fail);
            if (warn < fail) {
                throw new IllegalArgumentException(name + ".warn (" + warn + ") must be >= " + name + ".fail ("
                        + fail + "): lower ratios are worse");
            }
            return new Band(warn, fail, false, false);
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
