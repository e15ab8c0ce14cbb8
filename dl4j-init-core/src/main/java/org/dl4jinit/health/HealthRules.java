package org.dl4jinit.health;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-layer figures into findings, with hysteresis: each {@link Rule} judges one figure of one layer
 * against its band, given that rule's verdict in the previous checked iteration. The listener applies warm-up,
 * the "N consecutive iterations" rule and the diagnosis on top.
 *
 * <p>The activation rules judge only layers that can change what they judge: layers and vertices without
 * weights and without an activation of their own (padding, pooling, merges, ...) are not judged on their values,
 * and a rectifier's zeros are not "exact zeros" wherever they flow ({@link ValueRules}).
 *
 * <ul>
 *   <li>Condition 1 (not saturated): the fraction of saturated values and of units saturated for the whole
 *       batch ({@link ActivationFamily} says where each activation saturates; for rectifiers, the zero
 *       region).</li>
 *   <li>Condition 2 (not zero): the fraction of exactly-zero values (non-rectifiers: for a rectifier it is its
 *       saturation), dead units, the activation std relative to the reference (the pooled std of the
 *       network inputs the layer derives from; an embedding's output when the input is token indices), which
 *       exposes a scale that collapses with depth (Glorot &amp; Bengio 2010, Fig. 6), and identical units that
 *       stay identical (symmetric weights).</li>
 *   <li>Gradients: a trainable layer's weight-gradient RMS relative to the top layer's (vanishing below,
 *       exploding above; He et al. 2015, Fig. 3), an all-zero weight gradient, the update:parameter ratio
 *       (warning only), NaN/Inf in activations, gradients or score, named at the first offending layer.</li>
 * </ul>
 */
final class HealthRules {

    /** One judged figure of a layer. The order is the order findings of a layer are listed in. */
    enum Rule {
        /** Identical units whose symmetry never breaks. */
        SYMMETRY(HealthCondition.SYMMETRY, Figure.SYMMETRIC_UNITS),
        /** Non-rectifiers: exactly-zero values. */
        ZERO_FRACTION(HealthCondition.ZERO_ACTIVATIONS, Figure.ZERO_FRACTION),
        /** Units zero for every example. */
        DEAD_UNITS(HealthCondition.DEAD_UNITS, Figure.DEAD_UNITS),
        /** Saturated values (a rectifier's zero region). */
        SATURATED_FRACTION(HealthCondition.SATURATION, Figure.SATURATED_FRACTION),
        /** Non-rectifiers: units saturated for the whole batch. */
        SATURATED_UNITS(HealthCondition.SATURATION, Figure.SATURATED_UNITS),
        /** The activation scale relative to the reference. */
        SCALE_COLLAPSE(HealthCondition.SCALE_COLLAPSE, Figure.SCALE_RATIO),
        /** A trainable layer's all-zero weight gradient. */
        ZERO_GRADIENT(HealthCondition.ZERO_GRADIENT, Figure.GRADIENT_NORM),
        /** Gradient RMS far below the top layer's. */
        VANISHING(HealthCondition.VANISHING_GRADIENT, Figure.GRADIENT_RATIO),
        /** Gradient RMS far above the top layer's. */
        EXPLODING(HealthCondition.EXPLODING_GRADIENT, Figure.GRADIENT_RATIO),
        /** The update:parameter ratio outside its band (warning only). */
        UPDATE_RATIO(HealthCondition.UPDATE_RATIO, Figure.UPDATE_RATIO);

        private static final Rule[] VALUES = values();

        final HealthCondition condition;
        final Figure figure;

        Rule(HealthCondition condition, Figure figure) {
            this.condition = condition;
            this.figure = figure;
        }

        static int count() {
            return VALUES.length;
        }

        /**
         * @return the verdict of this rule for a layer's figures, given its previous verdict; HEALTHY when the
         *         rule does not apply to the layer
         */
        Verdict judge(LayerInfo info, double[] f, HealthThresholds t, Verdict previous) {
            boolean rectifier = info.family() == ActivationFamily.RECTIFIER;
            ValueRules values = info.valueRules();
            boolean activations = !Double.isNaN(f[Figure.ACTIVATION_STD.ordinal()])
                    && values != ValueRules.NOT_JUDGED;
            boolean weights = info.hasWeights() && info.trainable();
            double value = f[figure.ordinal()];
            switch (this) {
                case SYMMETRY:
                    return value == 1 ? Verdict.FAILING : Verdict.HEALTHY;
                case ZERO_FRACTION:
                    // a rectifier's zeros, its own or passed on, are judged as its zero region
                    return activations && !rectifier && values != ValueRules.RECTIFIED
                            ? t.zeroFraction().judge(value, previous) : Verdict.HEALTHY;
                case DEAD_UNITS:
                    return activations ? t.deadUnits().judge(value, previous) : Verdict.HEALTHY;
                case SATURATED_FRACTION:
                    return activations ? (rectifier ? t.rectifierZeroRegion() : t.saturatedFraction())
                            .judge(value, previous) : Verdict.HEALTHY;
                case SATURATED_UNITS:
                    // a rectifier's units saturated for the whole batch are its dead units: reported as DEAD_UNITS
                    return activations && !rectifier ? t.saturatedUnits().judge(value, previous) : Verdict.HEALTHY;
                case SCALE_COLLAPSE:
                    return activations ? t.scaleCollapse().judge(value, previous) : Verdict.HEALTHY;
                case ZERO_GRADIENT:
                    return weights && value == 0 ? Verdict.FAILING : Verdict.HEALTHY;
                case VANISHING:
                    return weights && f[Figure.GRADIENT_NORM.ordinal()] != 0
                            ? t.vanishingGradient().judge(value, previous) : Verdict.HEALTHY;
                case EXPLODING:
                    return weights && f[Figure.GRADIENT_NORM.ordinal()] != 0
                            ? t.explodingGradient().judge(value, previous) : Verdict.HEALTHY;
                case UPDATE_RATIO:
                    return weights ? t.judgeUpdateRatio(value, previous) : Verdict.HEALTHY;
                default:
                    throw new AssertionError(this);
            }
        }

        /** @return the threshold a value judged {@code verdict} crossed */
        double threshold(LayerInfo info, double value, HealthThresholds t, Verdict verdict) {
            boolean rectifier = info.family() == ActivationFamily.RECTIFIER;
            switch (this) {
                case SYMMETRY:
                    return Double.NaN;
                case ZERO_FRACTION:
                    return t.zeroFraction().threshold(verdict);
                case DEAD_UNITS:
                    return t.deadUnits().threshold(verdict);
                case SATURATED_FRACTION:
                    return (rectifier ? t.rectifierZeroRegion() : t.saturatedFraction()).threshold(verdict);
                case SATURATED_UNITS:
                    return t.saturatedUnits().threshold(verdict);
                case SCALE_COLLAPSE:
                    return t.scaleCollapse().threshold(verdict);
                case ZERO_GRADIENT:
                    return 0;
                case VANISHING:
                    return t.vanishingGradient().threshold(verdict);
                case EXPLODING:
                    return t.explodingGradient().threshold(verdict);
                case UPDATE_RATIO:
                    return value > t.updateRatioHigh() / t.ratioFactor() ? t.updateRatioHigh() : t.updateRatioLow();
                default:
                    throw new AssertionError(this);
            }
        }
    }

    /** Where a divergence started; {@link #NONE} when every figure is finite. */
    static final class Divergence {
        static final Divergence NONE = new Divergence(-1, null, false);

        /** The layer where it started (−1: the score only, or none). */
        final int layer;
        /** The finding at that layer, or for the score; null for NONE. */
        final Violation violation;
        /** Whether the other layers are not measured (true unless only the score is non-finite). */
        final boolean layersDiverged;

        Divergence(int layer, Violation violation, boolean layersDiverged) {
            this.layer = layer;
            this.violation = violation;
            this.layersDiverged = layersDiverged;
        }
    }

    private HealthRules() {
    }

    /**
     * The first non-finite figure: activations in depth order (the forward pass), then weight gradients from
     * the top (back-propagation runs from the top: the highest layer with NaN/Inf gradients is where it
     * started), then the score. The finding shows the non-finite figure itself.
     */
    static Divergence divergence(List<LayerInfo> layers, double[][] figures, double score) {
        for (int i = 0; i < layers.size(); i++) {
            double[] f = figures[i];
            if (f[Figure.NON_FINITE_ACTIVATIONS.ordinal()] > 0) {
                Figure shown = Double.isFinite(f[Figure.ACTIVATION_MEAN.ordinal()]) ? Figure.ACTIVATION_STD
                        : Figure.ACTIVATION_MEAN;
                double value = Double.isFinite(f[shown.ordinal()]) ? Double.NaN : f[shown.ordinal()];
                return new Divergence(i, nonFinite(layers.get(i), shown, value), true);
            }
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            double[] f = figures[i];
            if (f[Figure.NON_FINITE_GRADIENTS.ordinal()] > 0) {
                double norm = f[Figure.GRADIENT_NORM.ordinal()];
                return new Divergence(i, nonFinite(layers.get(i), Figure.GRADIENT_NORM,
                        Double.isFinite(norm) ? Double.NaN : norm), true);
            }
        }
        if (!Double.isFinite(score)) {
            return new Divergence(-1, nonFinite(null, Figure.SCORE, score), false);
        }
        return Divergence.NONE;
    }

    private static Violation nonFinite(LayerInfo layer, Figure figure, double value) {
        return new Violation(layer, HealthCondition.NON_FINITE, Verdict.FAILING, figure, value, Double.NaN,
                Diagnosis.unexplained(HealthCondition.NON_FINITE));
    }

    /**
     * Judges every rule of one layer.
     *
     * @param info     the layer
     * @param f        its figures
     * @param t        the thresholds
     * @param previous per rule, its verdict in the previous checked iteration (updated in place)
     * @return the findings (undiagnosed), in rule order
     */
    static List<Violation> evaluate(LayerInfo info, double[] f, HealthThresholds t, Verdict[] previous) {
        List<Violation> out = null;
        for (Rule rule : Rule.VALUES) {
            Verdict v = rule.judge(info, f, t, previous[rule.ordinal()]);
            previous[rule.ordinal()] = v;
            if (v != Verdict.HEALTHY) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                double value = f[rule.figure.ordinal()];
                out.add(new Violation(info, rule.condition, v, rule.figure, value,
                        rule.threshold(info, value, t, v), Diagnosis.unexplained(rule.condition)));
            }
        }
        return out == null ? List.of() : out;
    }

    /**
     * Whether a batch is large enough for the per-unit figures (dead units, units saturated for the whole batch):
     * below {@link HealthThresholds#minimumBatch()} examples they are not measured (NaN), nor predicted.
     */
    static boolean perUnit(long examples, HealthThresholds thresholds) {
        return examples >= thresholds.minimumBatch();
    }

    /**
     * Fills {@link Figure#SCALE_RATIO} and {@link Figure#GRADIENT_RATIO} of every layer: its activation std against
     * its reference, and its weight-gradient RMS against the top trainable layer's.
     *
     * <p>The reference of a layer is the scale of the network inputs it derives from, found by following the graph
     * back from the layer: the std of that input, or for a layer fed (through merges or elementwise vertices) by
     * several inputs their pooled std, sqrt(Σ w<sub>k</sub>σ<sub>k</sub>² / Σ w<sub>k</sub>) with w<sub>k</sub>
     * the values per example of input k — the scale that a fan-scaled layer reading their concatenation keeps. An
     * input that is not a signal (token indices read by an embedding), or has no positive finite std, is
     * represented by the output of the first layer that reads it. The listener applies this to measured figures,
     * the signal-propagation analysis ({@link ConfigurationLayout#judge}) to predicted ones.
     *
     * @param layout     the layers and how they derive from the network inputs
     * @param figures    per layer, its figures; the two ratios are written into them
     * @param inputStd   per network input, its std (NaN if not seen)
     * @param inputWidth per network input, its values per example
     * @param width      per layer, its values per example (NaN if not measured)
     * @param sourceStd  out: per layer, the pooled std of the raw network inputs it derives from (for the diagnosis)
     */
    static void depthRatios(ModelLayout layout, double[][] figures, double[] inputStd, double[] inputWidth,
            double[] width, double[] sourceStd) {
        List<LayerInfo> layers = layout.layers();
        double[] reference = inputStd.clone();
        double[] referenceWidth = inputWidth.clone();
        for (int k = 0; k < layout.inputCount(); k++) {
            for (int r : layout.inputReaders(k)) {
                double std = figures[r][Figure.ACTIVATION_STD.ordinal()];
                if (Double.isNaN(std)) {
                    continue;
                }
                if (layers.get(r).embedding() || !(reference[k] > 0) || !Double.isFinite(reference[k])) {
                    reference[k] = std;
                    referenceWidth[k] = width[r];
                }
                break;
            }
        }
        double topRms = Double.NaN;
        for (int i = layers.size() - 1; i >= 0 && Double.isNaN(topRms); i--) {
            LayerInfo info = layers.get(i);
            double rms = figures[i][Figure.GRADIENT_RMS.ordinal()];
            if (info.trainable() && info.hasWeights() && rms > 0 && Double.isFinite(rms)) {
                topRms = rms;
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            LayerInfo info = layers.get(i);
            double[] f = figures[i];
            double ref = pooled(layout.sources(info), reference, referenceWidth);
            sourceStd[i] = pooled(layout.sources(info), inputStd, inputWidth);
            f[Figure.SCALE_RATIO.ordinal()] = ref > 0 && Double.isFinite(ref)
                    ? f[Figure.ACTIVATION_STD.ordinal()] / ref : Double.NaN;
            f[Figure.GRADIENT_RATIO.ordinal()] = info.trainable() ? f[Figure.GRADIENT_RMS.ordinal()] / topRms
                    : Double.NaN;
        }
    }

    /** The pooled std of some inputs: sqrt(Σ w·σ² / Σ w); NaN if one of them is not measured. */
    private static double pooled(int[] which, double[] std, double[] width) {
        if (which.length == 1) {
            return std[which[0]];
        }
        double squares = 0;
        double weight = 0;
        for (int k : which) {
            squares += width[k] * std[k] * std[k];
            weight += width[k];
        }
        return which.length == 0 ? Double.NaN : Math.sqrt(squares / weight);
    }
}
