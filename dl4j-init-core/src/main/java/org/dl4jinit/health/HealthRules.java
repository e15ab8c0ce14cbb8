package org.dl4jinit.health;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-layer figures into findings. Stateless: the listener applies warm-up and the "N consecutive
 * iterations" rule on top.
 *
 * <ul>
 *   <li>Condition 1 (not saturated): the fraction of saturated values and of units saturated for the whole
 *       batch ({@link ActivationFamily} says where each activation saturates; for rectifiers, the zero
 *       region).</li>
 *   <li>Condition 2 (not zero): the fraction of exactly-zero values (non-rectifiers: for a rectifier it is its
 *       saturation), dead units, and the activation std relative to the reference (the network input's; the
 *       first layer's when the input is not a signal, e.g. embedding indices), which exposes a scale that
 *       collapses with depth (Glorot &amp; Bengio 2010, Fig. 6).</li>
 *   <li>Gradients: a trainable layer's weight-gradient RMS relative to the top layer's (vanishing below,
 *       exploding above; He et al. 2015, Fig. 3), an all-zero weight gradient, the update:parameter ratio
 *       (warning only), NaN/Inf in activations, gradients or score, named at the first offending layer.</li>
 * </ul>
 */
final class HealthRules {

    private HealthRules() {
    }

    /**
     * @param layers     the model's layers in depth order
     * @param figures    per layer, the measured figures (see {@link Figure})
     * @param score      the model's score
     * @param t          the thresholds
     * @param perLayer   out: per layer, its findings
     * @return model-level findings (non-finite score)
     */
    static List<Violation> evaluate(List<LayerInfo> layers, double[][] figures, double score, HealthThresholds t,
            List<List<Violation>> perLayer) {
        for (int i = 0; i < layers.size(); i++) {
            perLayer.add(new ArrayList<>(2));
        }
        List<Violation> model = new ArrayList<>(1);
        if (nonFinite(layers, figures, score, perLayer, model)) {
            // with NaN/Inf every other figure downstream is meaningless: report only where it started
            return model;
        }
        for (int i = 0; i < layers.size(); i++) {
            LayerInfo info = layers.get(i);
            double[] f = figures[i];
            List<Violation> out = perLayer.get(i);
            if (!Double.isNaN(f[Figure.ACTIVATION_STD.ordinal()])) {
                activationRules(info, f, t, out);
            }
            gradientRules(info, f, t, out);
        }
        return model;
    }

    private static boolean nonFinite(List<LayerInfo> layers, double[][] figures, double score,
            List<List<Violation>> perLayer, List<Violation> model) {
        for (int i = 0; i < layers.size(); i++) {
            if (figures[i][Figure.NON_FINITE_ACTIVATIONS.ordinal()] > 0) {
                perLayer.get(i).add(new Violation(layers.get(i).describe(), HealthCondition.NON_FINITE,
                        Verdict.FAILING, "NaN/Inf in activations (first layer in depth order)",
                        figures[i][Figure.ACTIVATION_MEAN.ordinal()], Double.NaN));
                return true;
            }
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            // back-propagation runs from the top: the highest layer with NaN/Inf gradients is where it started
            if (figures[i][Figure.NON_FINITE_GRADIENTS.ordinal()] > 0) {
                perLayer.get(i).add(new Violation(layers.get(i).describe(), HealthCondition.NON_FINITE,
                        Verdict.FAILING, "NaN/Inf in weight gradients (first layer in backward order)",
                        figures[i][Figure.GRADIENT_NORM.ordinal()], Double.NaN));
                return true;
            }
        }
        if (!Double.isFinite(score)) {
            model.add(new Violation("score", HealthCondition.NON_FINITE, Verdict.FAILING, "score", score,
                    Double.NaN));
            return true;
        }
        return false;
    }

    private static void activationRules(LayerInfo info, double[] f, HealthThresholds t, List<Violation> out) {
        LayerInfo who = info;
        boolean rectifier = info.family() == ActivationFamily.RECTIFIER;
        HealthThresholds.Band saturationBand = rectifier ? t.rectifierZeroRegion() : t.saturatedFraction();
        check(out, who, HealthCondition.SATURATION, saturationBand,
                rectifier ? "fraction of activations in the zero region" : "fraction of saturated activations",
                f[Figure.SATURATED_FRACTION.ordinal()]);
        if (!rectifier) {
            // a rectifier's dead units are its units saturated for the whole batch: reported once, as DEAD_UNITS
            check(out, who, HealthCondition.SATURATION, t.saturatedUnits(),
                    "fraction of units saturated for the whole batch", f[Figure.SATURATED_UNITS.ordinal()]);
            check(out, who, HealthCondition.ZERO_ACTIVATIONS, t.zeroFraction(), "fraction of zero activations",
                    f[Figure.ZERO_FRACTION.ordinal()]);
        }
        check(out, who, HealthCondition.DEAD_UNITS, t.deadUnits(), "fraction of dead units (zero for every example)",
                f[Figure.DEAD_UNITS.ordinal()]);
        check(out, who, HealthCondition.SCALE_COLLAPSE, t.scaleCollapse(),
                "activation std / input std", f[Figure.SCALE_RATIO.ordinal()]);
    }

    private static void gradientRules(LayerInfo info, double[] f, HealthThresholds t, List<Violation> out) {
        if (!info.hasWeights() || !info.trainable()) {
            return;
        }
        LayerInfo who = info;
        double norm = f[Figure.GRADIENT_NORM.ordinal()];
        if (norm == 0) {
            out.add(new Violation(who.describe(), HealthCondition.ZERO_GRADIENT, Verdict.FAILING,
                    "weight gradient L2 norm", 0, 0));
            return;
        }
        double ratio = f[Figure.GRADIENT_RATIO.ordinal()];
        check(out, who, HealthCondition.VANISHING_GRADIENT, t.vanishingGradient(),
                "gradient RMS / top layer's gradient RMS", ratio);
        check(out, who, HealthCondition.EXPLODING_GRADIENT, t.explodingGradient(),
                "gradient RMS / top layer's gradient RMS", ratio);
        double update = f[Figure.UPDATE_RATIO.ordinal()];
        if (!Double.isNaN(update) && (update < t.updateRatioLow() || update > t.updateRatioHigh())) {
            out.add(new Violation(who.describe(), HealthCondition.UPDATE_RATIO, Verdict.WARNING,
                    "update:parameter norm ratio",
                    update, update > t.updateRatioHigh() ? t.updateRatioHigh() : t.updateRatioLow()));
        }
    }

    private static void check(List<Violation> out, LayerInfo who, HealthCondition condition,
            HealthThresholds.Band band, String figure, double value) {
        Verdict v = band.judge(value);
        if (v != Verdict.HEALTHY) {
            // the layer's description is built only when there is something to say
            out.add(new Violation(who.describe(), condition, v, figure, value, band.threshold(v)));
        }
    }
}
