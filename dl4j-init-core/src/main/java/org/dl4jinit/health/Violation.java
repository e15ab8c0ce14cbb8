package org.dl4jinit.health;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One finding: the layer (or the model, for its score), the condition, how bad, the {@link Figure} measured,
 * its value and the threshold it crossed, and the {@link Diagnosis} (cause and remedy). Immutable.
 * {@link #message()} reads e.g. {@code layer 3 (DenseLayer, tanh): FAILING condition 2 (activations not zero):
 * fraction of zero activations = 1.000 (fail threshold 0.9) — cause: ... — remedy: ...}.
 */
public final class Violation implements Serializable {

    private static final long serialVersionUID = 2L;

    private final LayerInfo layer;
    private final HealthCondition condition;
    private final Verdict verdict;
    private final Figure figure;
    private final double value;
    private final double threshold;
    private final Diagnosis diagnosis;

    /**
     * @param layer     the layer, or null for a model-level finding (the score)
     * @param condition the condition violated, not null
     * @param verdict   WARNING or FAILING
     * @param figure    what was measured, not null
     * @param value     the measured value
     * @param threshold the threshold it crossed (NaN when there is none, e.g. NaN/Inf)
     * @param diagnosis the cause and remedy, not null
     * @throws IllegalArgumentException for a null argument or a verdict that is not WARNING or FAILING
     */
    public Violation(LayerInfo layer, HealthCondition condition, Verdict verdict, Figure figure, double value,
            double threshold, Diagnosis diagnosis) {
        if (condition == null || figure == null || diagnosis == null) {
            throw new IllegalArgumentException("condition, figure and diagnosis must not be null, were " + condition
                    + ", " + figure + ", " + diagnosis);
        }
        if (verdict != Verdict.WARNING && verdict != Verdict.FAILING) {
            throw new IllegalArgumentException("verdict must be WARNING or FAILING, was " + verdict);
        }
        this.layer = layer;
        this.condition = condition;
        this.verdict = verdict;
        this.figure = figure;
        this.value = value;
        this.threshold = threshold;
        this.diagnosis = diagnosis;
    }

    /** @return the layer, or null for a model-level finding (see {@link #isModelLevel()}) */
    public LayerInfo layer() {
        return layer;
    }

    /** @return the layer's index in depth order, −1 for a model-level finding */
    public int layerIndex() {
        return layer == null ? -1 : layer.index();
    }

    /** @return whether the finding is about the whole model (its score) rather than a layer */
    public boolean isModelLevel() {
        return layer == null;
    }

    /** @return the condition violated */
    public HealthCondition condition() {
        return condition;
    }

    /** @return WARNING or FAILING */
    public Verdict verdict() {
        return verdict;
    }

    /** @return what was measured */
    public Figure figure() {
        return figure;
    }

    /** @return the measured value */
    public double value() {
        return value;
    }

    /** @return the threshold crossed; NaN when there is none */
    public double threshold() {
        return threshold;
    }

    /** @return the cause and remedy */
    public Diagnosis diagnosis() {
        return diagnosis;
    }

    /** @return the same finding with another verdict */
    Violation withVerdict(Verdict v) {
        return v == verdict ? this : new Violation(layer, condition, v, figure, value, threshold, diagnosis);
    }

    /** @return the same finding with another diagnosis */
    Violation withDiagnosis(Diagnosis d) {
        return d.equals(diagnosis) ? this : new Violation(layer, condition, verdict, figure, value, threshold, d);
    }

    /** @return "layer 3 (DenseLayer, tanh)", or "model" for a model-level finding */
    public String where() {
        return layer == null ? "model" : layer.describe();
    }

    /** @return the finding without the diagnosis: where, verdict, condition, figure = value (threshold) */
    public String finding() {
        String op = Double.isNaN(threshold) ? ""
                : " (" + (verdict == Verdict.FAILING ? "fail" : "warn") + " threshold " + format(threshold) + ")";
        String what = layer == null ? figure.description() : figure.description(layer.family());
        return where() + ": " + verdict + " " + condition.title() + ": " + what + " = " + format(value) + op;
    }

    /** @return the finding, the cause (when known) and the remedy */
    public String message() {
        return finding() + " — " + diagnosis;
    }

    /**
     * @param v a value
     * @return four significant digits, scientific notation outside [1e-3, 1e4)
     */
    public static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        return a >= 1e-3 && a < 1e4 ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.3e", v);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Violation)) {
            return false;
        }
        Violation v = (Violation) o;
        return Objects.equals(layer, v.layer) && condition == v.condition && verdict == v.verdict
                && figure == v.figure && Double.compare(value, v.value) == 0
                && Double.compare(threshold, v.threshold) == 0 && diagnosis.equals(v.diagnosis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layer, condition, verdict, figure, value, threshold, diagnosis);
    }

    @Override
    public String toString() {
        return message();
    }
}
