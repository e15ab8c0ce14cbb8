package org.dl4jinit.health;

import java.io.Serializable;
import java.util.Objects;

/**
 * One finding: a layer, a condition, how bad, the measured value and the threshold it crossed.
 * {@link #message()} reads e.g. {@code layer 3 (DenseLayer "dense3", tanh): FAILING condition 2 (activations
 * not zero): fraction of zero activations = 1.0 (fail > 0.9) — break the symmetry with ...}.
 */
public final class Violation implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String layer;
    private final HealthCondition condition;
    private final Verdict verdict;
    private final String figure;
    private final double value;
    private final double threshold;

    /**
     * @param layer     the layer's description (index, type, name, activation)
     * @param condition the condition violated
     * @param verdict   WARNING or FAILING
     * @param figure    what was measured, e.g. "fraction of zero activations"
     * @param value     the measured value
     * @param threshold the threshold it crossed
     */
    public Violation(String layer, HealthCondition condition, Verdict verdict, String figure, double value,
            double threshold) {
        this.layer = Objects.requireNonNull(layer, "layer");
        this.condition = Objects.requireNonNull(condition, "condition");
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.figure = Objects.requireNonNull(figure, "figure");
        this.value = value;
        this.threshold = threshold;
    }

    /** @return the layer's description */
    public String layer() {
        return layer;
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
    public String figure() {
        return figure;
    }

    /** @return the measured value */
    public double value() {
        return value;
    }

    /** @return the threshold crossed */
    public double threshold() {
        return threshold;
    }

    /** @return the same finding with another verdict */
    Violation withVerdict(Verdict v) {
        return v == verdict ? this : new Violation(layer, condition, v, figure, value, threshold);
    }

    /** @return layer, verdict, condition, figure = value (threshold), remedy */
    public String message() {
        String op = condition == HealthCondition.NON_FINITE ? "" : " (" + (verdict == Verdict.FAILING ? "fail" : "warn")
                + " threshold " + format(threshold) + ")";
        return layer + ": " + verdict + " " + condition.title() + ": " + figure + " = " + format(value) + op + " — "
                + condition.remedy();
    }

    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        return a >= 1e-3 && a < 1e4 ? String.format(java.util.Locale.ROOT, "%.4g", v)
                : String.format(java.util.Locale.ROOT, "%.3e", v);
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
        return layer.equals(v.layer) && condition == v.condition && verdict == v.verdict && figure.equals(v.figure)
                && Double.compare(value, v.value) == 0 && Double.compare(threshold, v.threshold) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(layer, condition, verdict, figure, value, threshold);
    }

    @Override
    public String toString() {
        return message();
    }
}
