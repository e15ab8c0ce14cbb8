package org.dl4jinit.health;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.dl4jinit.init.ActivationGain;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Works out the cause of a finding from what the listener knows, and picks the headline among a report's
 * findings. Runs only for findings that appear or get worse (the listener keeps a diagnosis while its finding
 * persists), so its work — at most one pass over a layer's parameters, once per iteration in which a finding
 * of that layer appears — is off the hot path.
 *
 * <p>What it looks at, in this order (the first that explains the finding is the cause):
 * <ol>
 *   <li>a divergence (NaN/Inf): update:parameter ratios above {@link HealthThresholds#updateRatioHigh()} in the
 *       iterations before (the learning rate); NaN/Inf in the layer's own parameters (set or loaded so); NaN/Inf
 *       in the network input;</li>
 *   <li>weights all zero (W = 0) or all equal with nothing that can make the units differ (symmetry);</li>
 *   <li>the scale of the weights as initialized against the scale recommended for each layer's activation
 *       (He for rectifiers, Xavier with gain 5/3 for tanh, Xavier for sigmoid and linear units, LeCun for
 *       SELU), compounded over the layers the signal passes: off by more than a factor of
 *       {@value #SCALE_BLAME} blames the initializer and recommends the right one;</li>
 *   <li>update:parameter ratios above the healthy band in the iterations before the finding appeared (the
 *       learning rate, not the initializer);</li>
 *   <li>a rectifier's bias far below zero against the spread its weights give the pre-activations;</li>
 *   <li>the network input's scale, when the first layer saturates with a well-scaled initializer;</li>
 *   <li>otherwise the initializer is already right (and is not recommended again) or the cause is unknown.</li>
 * </ol>
 */
final class Diagnoser {

    /** A compounded weight scale off by more than this factor (either way) blames the initializer. */
    static final double SCALE_BLAME = 4;
    /** A bias below −this × the pre-activation spread shifts a rectifier's units below zero. */
    static final double BIAS_SHIFT = 2;
    /** An input std outside [1/this, this] is not unit scale. */
    static final double INPUT_SCALE = 3;

    /** Headline order: FAILING first, then divergences, then the most specific cause, then the earliest layer. */
    static final Comparator<Violation> HEADLINE = Comparator
            .comparing((Violation v) -> v.verdict() == Verdict.FAILING ? 0 : 1)
            .thenComparing(v -> v.condition() == HealthCondition.NON_FINITE ? 0 : 1)
            .thenComparing(v -> rank(v.diagnosis().cause()))
            .thenComparing(v -> v.isModelLevel() ? Integer.MAX_VALUE : v.layerIndex())
            .thenComparing(Violation::condition);

    private final ModelLayout layout;
    private final Model model;
    private final double[][] figures;
    private final HealthThresholds thresholds;
    /** Per layer, the (pooled) std of the network inputs it derives from. */
    private final double[] inputStd;
    private final LayerState state;
    private final Stats[] stats;

    /** What the listener keeps per layer across iterations for the diagnosis. */
    static final class LayerState {
        /** Per layer, the value every weight has, or NaN when they are not all equal (or no weights). */
        final double[] constant;
        /** Per layer, the RMS of its weights at the first check (as initialized), NaN without weights. */
        final double[] initialRms;
        /** Per layer, the fans of its first weight parameter (from its shape), NaN without weights. */
        final double[] fanIn;
        final double[] fanOut;
        /** The largest update:parameter ratio of the iterations before, and where and when it was seen. */
        double recentUpdateRatio = Double.NaN;
        int recentUpdateLayer = -1;
        int recentUpdateIteration = -1;

        LayerState(int layers) {
            constant = new double[layers];
            initialRms = new double[layers];
            fanIn = new double[layers];
            fanOut = new double[layers];
            java.util.Arrays.fill(constant, Double.NaN);
            java.util.Arrays.fill(initialRms, Double.NaN);
            java.util.Arrays.fill(fanIn, Double.NaN);
            java.util.Arrays.fill(fanOut, Double.NaN);
        }

        /**
         * Reads every layer's weights once, at the first check of a model: their RMS as initialized, their
         * fans, and whether they are all equal (min = max over every weight parameter).
         */
        static LayerState initial(ModelLayout layout, Model model) {
            LayerState s = new LayerState(layout.layers().size());
            for (LayerInfo layer : layout.layers()) {
                if (!layer.hasWeights()) {
                    continue;
                }
                int i = layer.index();
                double sumSq = 0;
                long count = 0;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < layer.weightKeys().length; k++) {
                    INDArray w = ModelLayout.param(model, layer, k);
                    if (w == null || w.length() == 0) {
                        continue;
                    }
                    sumSq += LayerReducer.squaredNorm(w);
                    count += w.length();
                    lo = Math.min(lo, w.minNumber().doubleValue());
                    hi = Math.max(hi, w.maxNumber().doubleValue());
                    if (k == 0) {
                        long[] shape = w.shape();
                        if (shape.length == 2) {
                            s.fanIn[i] = shape[0];
                            s.fanOut[i] = shape[1];
                        } else if (shape.length > 2) {
                            s.fanIn[i] = (double) w.length() / shape[0];
                            s.fanOut[i] = (double) w.length() / shape[1];
                        }
                    }
                }
                if (count > 0) {
                    s.initialRms[i] = Math.sqrt(sumSq / count);
                    INDArray b = ModelLayout.param(model, layer, "b");
                    boolean equalBiases = b == null || b.length() == 0
                            || b.minNumber().doubleValue() == b.maxNumber().doubleValue();
                    s.constant[i] = lo == hi && equalBiases ? lo : Double.NaN;
                }
            }
            return s;
        }
    }

    Diagnoser(ModelLayout layout, Model model, double[][] figures, HealthThresholds thresholds, double[] inputStd,
            LayerState state) {
        this.layout = layout;
        this.model = model;
        this.figures = figures;
        this.thresholds = thresholds;
        this.inputStd = inputStd;
        this.state = state;
        this.stats = new Stats[layout.layers().size()];
    }

    /**
     * @param findings a report's findings, diagnosed
     * @return the headline among them, or null if there are none
     */
    static Violation headline(List<Violation> findings) {
        return findings.stream().min(HEADLINE).orElse(null);
    }

    private static int rank(Diagnosis.Cause cause) {
        switch (cause) {
            case LEARNING_RATE:
                return 0;
            case ZERO_WEIGHTS:
                return 1;
            case SYMMETRIC_WEIGHTS:
                return 2;
            case NON_FINITE_INPUT:
                return 3;
            case NON_FINITE_PARAMETERS:
                return 4;
            case BIAS_SHIFT:
                return 5;
            case WEIGHTS_TOO_LARGE:
                return 6;
            case WEIGHTS_TOO_SMALL:
                return 7;
            case INPUT_SCALE:
                return 8;
            case INITIALIZER_MATCHES:
                return 9;
            default:
                return 10;
        }
    }

    /**
     * @param v a finding of the report being made
     * @return its diagnosis
     */
    Diagnosis diagnose(Violation v) {
        LayerInfo layer = v.layer();
        if (v.condition() == HealthCondition.NON_FINITE) {
            return divergence(v);
        }
        if (layer == null) {
            return Diagnosis.unexplained(v.condition());
        }
        Diagnosis d = constantWeights(v);
        if (d == null) {
            d = initialScale(v);
        }
        if (d == null) {
            d = learningRate(v);
        }
        if (d == null) {
            d = bias(v);
        }
        if (d == null) {
            d = inputScale(v);
        }
        return d != null ? d : initializerMatches(v);
    }

    // --- divergence -------------------------------------------------------------------------------------------

    private Diagnosis divergence(Violation v) {
        Diagnosis lr = learningRate(v);
        if (lr != null) {
            return lr;
        }
        LayerInfo layer = v.layer();
        if (layer == null) {
            return new Diagnosis(Diagnosis.Cause.UNEXPLAINED, "the score is " + Violation.format(v.value())
                    + " while every activation and weight gradient is finite",
                    "check the labels and the loss function (a log of zero gives an infinite loss)");
        }
        Stats s = stats(layer);
        if (s != null && !s.finite) {
            String updates = Double.isNaN(state.recentUpdateRatio) ? "no update was seen before"
                    : "no update before was large (largest update:parameter ratio "
                            + Violation.format(state.recentUpdateRatio) + ")";
            return new Diagnosis(Diagnosis.Cause.NON_FINITE_PARAMETERS, "the parameters of " + layer.describe()
                    + " contain NaN/Inf, and " + updates + ": they were set or loaded so",
                    "restore the parameters (from a checkpoint, or re-initialize the network) and check the code "
                            + "that sets or loads them");
        }
        if (v.figure() != Figure.GRADIENT_NORM && layout.producers(layer).length == 0
                && !Double.isFinite(inputStd[layer.index()])) {
            return new Diagnosis(Diagnosis.Cause.NON_FINITE_INPUT, "the network input contains NaN/Inf",
                    "check the input data for NaN/Inf (e.g. a division by a zero std when normalizing)");
        }
        return Diagnosis.unexplained(v.condition());
    }

    // --- zero and symmetric weights ---------------------------------------------------------------------------

    private Diagnosis constantWeights(Violation v) {
        LayerInfo layer = v.layer();
        Recommendation rec = recommendation(layer);
        String remedy = "initialize the weights with a random initializer: " + rec.text + " for "
                + activationName(layer);
        if (v.condition() == HealthCondition.SYMMETRY) {
            // found at the model's first check, and provably still so: the initial value is what explains it
            double c = state.constant[layer.index()];
            return new Diagnosis(c == 0 ? Diagnosis.Cause.ZERO_WEIGHTS : Diagnosis.Cause.SYMMETRIC_WEIGHTS,
                    "every weight of " + layer.describe() + " was initialized to " + Violation.format(c)
                            + (c == 0 ? " (W = 0)" : "") + ", and so were the weights that read its output: its "
                            + "units are identical and get identical updates, so the symmetry never breaks",
                    remedy);
        }
        if (zeroNow(layer)) {
            return zero(layer, remedy);
        }
        if (v.condition() == HealthCondition.ZERO_GRADIENT || v.condition() == HealthCondition.ZERO_ACTIVATIONS) {
            // an all-zero gradient or all-zero activations come from zero weights anywhere on the way
            for (LayerInfo other : layout.layers()) {
                if (other != layer && zeroNow(other)) {
                    Recommendation r = recommendation(other);
                    return zero(other, "initialize the weights with a random initializer: " + r.text + " for "
                            + activationName(other));
                }
            }
        }
        return null;
    }

    /** Whether a layer's weights are all zero now (they were at the first check, and still are). */
    private boolean zeroNow(LayerInfo layer) {
        if (state.constant[layer.index()] != 0) {
            return false;
        }
        Stats s = stats(layer);
        return s != null && s.rms == 0;
    }

    private static Diagnosis zero(LayerInfo layer, String remedy) {
        return new Diagnosis(Diagnosis.Cause.ZERO_WEIGHTS, "every weight of " + layer.describe()
                + " is 0 (W = 0): every unit computes the same value, and no rescaling of the weights changes that",
                remedy);
    }

    // --- the scale of the initial weights ---------------------------------------------------------------------

    private Diagnosis initialScale(Violation v) {
        LayerInfo layer = v.layer();
        boolean backward = v.condition() == HealthCondition.VANISHING_GRADIENT
                || v.condition() == HealthCondition.EXPLODING_GRADIENT;
        if (v.condition() == HealthCondition.UPDATE_RATIO && v.value() < thresholds.updateRatioLow()) {
            return null;
        }
        int from = backward ? layer.index() : 0;
        int to = backward ? layout.layers().size() - 1 : layer.index();
        double logProduct = 0;
        int counted = 0;
        LayerInfo worst = null;
        double worstLog = 0;
        Recommendation worstRec = null;
        for (int i = from; i <= to; i++) {
            LayerInfo l = layout.layers().get(i);
            double rms = state.initialRms[i];
            Recommendation rec = recommendation(l);
            if (!(rms > 0) || !Double.isFinite(rms) || !(rec.std > 0)) {
                continue;
            }
            double log = Math.log(rms / rec.std);
            logProduct += log;
            counted++;
            if (worst == null || Math.abs(log) > Math.abs(worstLog)) {
                worst = l;
                worstLog = log;
                worstRec = rec;
            }
        }
        if (counted == 0 || Math.abs(logProduct) <= Math.log(SCALE_BLAME)) {
            return null;
        }
        double product = Math.exp(logProduct);
        double mean = Math.exp(logProduct / counted);
        boolean small = logProduct < 0;
        String explanation;
        if (counted == 1) {
            explanation = "the weights of " + worst.describe() + " were initialized with RMS "
                    + Violation.format(state.initialRms[worst.index()]) + ", " + times(product) + " the RMS "
                    + Violation.format(worstRec.std) + " that " + activationName(worst) + " needs";
        } else {
            explanation = "the weights of the " + counted + " layers " + (backward ? "from " + layer.describe()
                    + " up" : "up to " + layer.describe()) + " were initialized at " + times(mean)
                    + " the scale their activations need, on average, which compounds to " + times(product)
                    + " it";
        }
        explanation += " (" + worst.initializer() + " where " + worstRec.text + " is recommended)";
        return new Diagnosis(small ? Diagnosis.Cause.WEIGHTS_TOO_SMALL : Diagnosis.Cause.WEIGHTS_TOO_LARGE,
                explanation, "use " + worstRec.text + " for " + activationName(worst) + " layers (or LSUV, which "
                        + "measures the scale on a batch)");
    }

    /** "114×" or "1/1.41 of": how a scale compares with another, for "... the RMS that tanh needs". */
    private static String times(double factor) {
        return factor >= 1 ? String.format(Locale.ROOT, "%.3g×", factor)
                : String.format(Locale.ROOT, "1/%.3g of", 1 / factor);
    }

    // --- the learning rate ------------------------------------------------------------------------------------

    private Diagnosis learningRate(Violation v) {
        double ratio = state.recentUpdateRatio;
        int where = state.recentUpdateLayer;
        int when = state.recentUpdateIteration;
        if (v.condition() == HealthCondition.UPDATE_RATIO && v.value() > thresholds.updateRatioHigh()
                && !(ratio > v.value())) {
            ratio = v.value();
            where = v.layerIndex();
            when = -1;
        }
        if (!(ratio > thresholds.updateRatioHigh())) {
            return null;
        }
        String at = (where >= 0 ? " at " + layout.layers().get(where).describe() : "")
                + (when >= 0 ? " in iteration " + when : "");
        double factor = ratio / 1e-3;
        return new Diagnosis(Diagnosis.Cause.LEARNING_RATE, "the update:parameter ratio reached "
                + Violation.format(ratio) + at + " (healthy is about 1e-3): the steps are too large for the weights,"
                + " so the learning rate, not the initializer, drives this",
                "lower the learning rate (updates are " + String.format(Locale.ROOT, "%.3g", factor)
                        + "× the healthy 1e-3 of the weights), or clip gradients");
    }

    // --- the bias ---------------------------------------------------------------------------------------------

    private Diagnosis bias(Violation v) {
        LayerInfo layer = v.layer();
        boolean dead = v.condition() == HealthCondition.DEAD_UNITS
                || v.condition() == HealthCondition.SATURATION && layer.family() == ActivationFamily.RECTIFIER;
        if (!dead || layer.family() != ActivationFamily.RECTIFIER) {
            return null;
        }
        Stats s = stats(layer);
        if (s == null || !(s.biasMean < 0)) {
            return null;
        }
        double spread = s.rms * Math.sqrt(state.fanIn[layer.index()]) * inputRms(layer);
        if (!(-s.biasMean > BIAS_SHIFT * spread)) {
            return null;
        }
        return new Diagnosis(Diagnosis.Cause.BIAS_SHIFT, "the bias of " + layer.describe() + " averages "
                + Violation.format(s.biasMean) + ", while its weights spread the pre-activations by about "
                + Violation.format(spread) + ": the pre-activations are below zero for nearly every example",
                "initialize the bias at 0 (biasInit(0)), or at a small positive value for ReLU");
    }

    /** The RMS of a layer's input: the previous layer's activations, or the network input's std. */
    private double inputRms(LayerInfo layer) {
        int[] producers = layout.producers(layer);
        double std = inputStd[layer.index()];
        if (producers.length == 0) {
            return Double.isFinite(std) && std > 0 ? std : 1;
        }
        double[] f = figures[producers[0]];
        double mean = f[Figure.ACTIVATION_MEAN.ordinal()];
        double producerStd = f[Figure.ACTIVATION_STD.ordinal()];
        return Double.isNaN(producerStd) ? 1 : Math.sqrt(mean * mean + producerStd * producerStd);
    }


    // --- the input's scale and a well-scaled initializer ------------------------------------------------------

    private Diagnosis inputScale(Violation v) {
        LayerInfo layer = v.layer();
        double std = inputStd[layer.index()];
        if (v.condition() != HealthCondition.SATURATION || layout.producers(layer).length > 0 || !(std > 0)
                || (std <= INPUT_SCALE && std >= 1 / INPUT_SCALE)) {
            return null;
        }
        return new Diagnosis(Diagnosis.Cause.INPUT_SCALE, "the network input has std " + Violation.format(std)
                + ", while the initializer's scale assumes inputs of about unit scale",
                "standardize the inputs (e.g. DL4J's NormalizerStandardize)");
    }

    private Diagnosis initializerMatches(Violation v) {
        LayerInfo layer = v.layer();
        Recommendation rec = recommendation(layer);
        double rms = state.initialRms[layer.index()];
        if (!(rec.std > 0) || !(rms > 0)) {
            return Diagnosis.unexplained(v.condition());
        }
        String explanation = "the initial weights of " + layer.describe() + " (" + layer.initializer() + ") are at "
                + times(rms / rec.std) + " the scale " + activationName(layer) + " needs (" + rec.text
                + "), so the initializer is not the cause";
        switch (v.condition()) {
            case SATURATION:
                double spread = rms * Math.sqrt(state.fanIn[layer.index()]) * inputRms(layer);
                if (spread > 1.5) {
                    // a wide layer under a fan-average scale: the recommendation itself gives large pre-activations
                    return new Diagnosis(Diagnosis.Cause.INITIALIZER_MATCHES, explanation + "; on this layer's "
                            + "fan-in of " + Math.round(state.fanIn[layer.index()]) + " they spread the "
                            + "pre-activations by about " + Violation.format(spread) + ", so some units saturate",
                            "keep the initializer; if the finding persists, scale this layer by its fan-in only "
                                    + "(LeCunInit) or use LSUV");
                }
                return new Diagnosis(Diagnosis.Cause.INITIALIZER_MATCHES, explanation,
                        "standardize the inputs of the layers, or use batch normalization");
            case SCALE_COLLAPSE:
            case VANISHING_GRADIENT:
                return new Diagnosis(Diagnosis.Cause.INITIALIZER_MATCHES, explanation,
                        "use LSUV (which measures each layer's scale on a batch) or batch normalization");
            case DEAD_UNITS:
                return new Diagnosis(Diagnosis.Cause.INITIALIZER_MATCHES, explanation,
                        "lower the learning rate, or use a leaky rectifier");
            case EXPLODING_GRADIENT:
                return new Diagnosis(Diagnosis.Cause.INITIALIZER_MATCHES, explanation,
                        "lower the learning rate or clip gradients");
            case UPDATE_RATIO:
                return new Diagnosis(Diagnosis.Cause.INITIALIZER_MATCHES, explanation,
                        "raise the learning rate if the layer does not learn");
            default:
                return new Diagnosis(Diagnosis.Cause.INITIALIZER_MATCHES, explanation, v.condition().remedy());
        }
    }

    // --- recommendations and layer statistics -----------------------------------------------------------------

    /** The initializer recommended for a layer's activation, and the weight RMS it gives at the layer's fans. */
    private Recommendation recommendation(LayerInfo layer) {
        Layer conf = layout.conf(layer);
        IActivation fn = conf instanceof BaseLayer ? ((BaseLayer) conf).getActivationFn() : null;
        double fanIn = state.fanIn[layer.index()];
        double fanOut = state.fanOut[layer.index()];
        OptionalDouble gain = fn == null ? OptionalDouble.empty() : ActivationGain.find(fn);
        if (fn instanceof ActivationSELU) {
            return new Recommendation("LeCunInit", 1 / Math.sqrt(fanIn));
        }
        if (gain.isEmpty()) {
            return new Recommendation("a fan-scaled initializer or LSUV (Lsuv.defaults().apply(net, batch))",
                    Double.NaN);
        }
        double g = gain.getAsDouble();
        if (layer.family() == ActivationFamily.RECTIFIER) {
            double slope = fn instanceof ActivationLReLU ? ((ActivationLReLU) fn).getAlpha() : 0;
            return new Recommendation(slope == 0 ? "HeInit" : "new HeInit(" + slope + ")", g / Math.sqrt(fanIn));
        }
        double xavier = g * Math.sqrt(2 / (fanIn + fanOut));
        if (fn instanceof ActivationTanH) {
            return new Recommendation("XavierInit with gain 5/3 (XavierInit.uniform(ActivationGain.TANH))", xavier);
        }
        return new Recommendation("XavierInit", xavier);
    }

    private static String activationName(LayerInfo layer) {
        return "none".equals(layer.activation()) ? "linear" : layer.activation();
    }

    /** The parameter statistics of a layer, read once per report; null for a layer without weights. */
    private Stats stats(LayerInfo layer) {
        int i = layer.index();
        if (stats[i] == null && layer.hasWeights()) {
            stats[i] = Stats.of(model, layer);
        }
        return stats[i];
    }

    /** An initializer recommendation: its name and the weight RMS it gives. */
    private static final class Recommendation {
        final String text;
        final double std;

        Recommendation(String text, double std) {
            this.text = text;
            this.std = std;
        }
    }

    /** A layer's current weights and bias, reduced. */
    static final class Stats {
        double rms;
        boolean finite;
        long count;
        double biasMean = Double.NaN;

        static Stats of(Model model, LayerInfo layer) {
            Stats s = new Stats();
            double sumSq = 0;
            boolean finite = true;
            for (int k = 0; k < layer.weightKeys().length; k++) {
                INDArray w = ModelLayout.param(model, layer, k);
                if (w == null) {
                    continue;
                }
                double sq = LayerReducer.squaredNorm(w);
                finite &= Double.isFinite(sq);
                sumSq += sq;
                s.count += w.length();
            }
            INDArray b = ModelLayout.param(model, layer, "b");
            if (b != null && b.length() > 0) {
                double mean = b.meanNumber().doubleValue();
                s.biasMean = mean;
                finite &= Double.isFinite(mean) && Double.isFinite(LayerReducer.squaredNorm(b));
            }
            s.finite = finite;
            s.rms = s.count == 0 ? Double.NaN : Math.sqrt(sumSq / s.count);
            return s;
        }
    }
}
