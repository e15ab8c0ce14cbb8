package org.dl4jinit.health;

import java.io.Serializable;
import java.util.Objects;

/**
 * Why a finding occurred and what to do about it, as worked out from what the listener knows when the finding
 * first appears: the layer's weights (all equal, all zero, not finite, their scale against the one recommended
 * for the layer's activation), its configured initializer and activation, its bias, and the update:parameter
 * ratios of the iterations before. The {@link #cause()} is the machine-readable key; {@link #explanation()}
 * and {@link #remedy()} are the sentences shown in the exception message, the log line, a sweep's prune reason
 * and the UI. Immutable.
 */
public final class Diagnosis implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The cause a diagnosis settles on. The order is part of the record format: append only. */
    public enum Cause {
        /** Nothing more specific is known: the condition's own advice. */
        UNEXPLAINED,
        /** All of the layer's weights are zero (W = 0): every unit computes the same value, zero. */
        ZERO_WEIGHTS,
        /** All of the layer's weights are equal (and so are those reading its output): symmetry never breaks. */
        SYMMETRIC_WEIGHTS,
        /** Updates of the iterations before were far larger than ≈1e-3 of the weights: the learning rate. */
        LEARNING_RATE,
        /** The layer's parameters are NaN/Inf although no update before was large. */
        NON_FINITE_PARAMETERS,
        /** The network's input is NaN/Inf. */
        NON_FINITE_INPUT,
        /** A negative bias pushes the pre-activations of a rectifier below zero for every example. */
        BIAS_SHIFT,
        /** The weights are smaller than the scale the activation needs, compounding with depth. */
        WEIGHTS_TOO_SMALL,
        /** The weights are larger than the scale the activation needs, compounding with depth. */
        WEIGHTS_TOO_LARGE,
        /** The initializer's scale matches the recommendation, but the input is far from unit scale. */
        INPUT_SCALE,
        /** The initializer's scale already matches the recommendation: the cause is not the initializer. */
        INITIALIZER_MATCHES
    }

    private final Cause cause;
    private final String explanation;
    private final String remedy;

    /**
     * @param cause       the cause, not null
     * @param explanation what was found, a sentence (may be empty for {@link Cause#UNEXPLAINED}), not null
     * @param remedy      what to do, a sentence, not null
     * @throws IllegalArgumentException for a null argument
     */
    public Diagnosis(Cause cause, String explanation, String remedy) {
        if (cause == null || explanation == null || remedy == null) {
            throw new IllegalArgumentException("cause, explanation and remedy must not be null, were " + cause + ", "
                    + explanation + ", " + remedy);
        }
        this.cause = cause;
        this.explanation = explanation;
        this.remedy = remedy;
    }

    /**
     * @param condition a condition
     * @return the diagnosis when nothing more is known: no explanation, the condition's own remedy
     */
    public static Diagnosis unexplained(HealthCondition condition) {
        return new Diagnosis(Cause.UNEXPLAINED, "", condition.remedy());
    }

    /** @return the cause */
    public Cause cause() {
        return cause;
    }

    /** @return what was found, e.g. "all 200704 weights are 0 (W = 0): ..."; empty when unexplained */
    public String explanation() {
        return explanation;
    }

    /** @return what to do */
    public String remedy() {
        return remedy;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Diagnosis)) {
            return false;
        }
        Diagnosis d = (Diagnosis) o;
        return cause == d.cause && explanation.equals(d.explanation) && remedy.equals(d.remedy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cause, explanation, remedy);
    }

    @Override
    public String toString() {
        return (explanation.isEmpty() ? "" : "cause: " + explanation + " — ") + "remedy: " + remedy;
    }
}
