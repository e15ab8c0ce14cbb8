package org.dl4jinit.health;

/**
 * The figures measured per layer per checked iteration, and the model's score. NaN means "not measured" (no
 * activations passed for an output layer, no weights, no update yet, or a layer downstream of a divergence).
 * The order is part of the record format: append only.
 */
public enum Figure {
    /** Mean of the layer's output activations. */
    ACTIVATION_MEAN("activation mean"),
    /** Standard deviation of the layer's output activations. */
    ACTIVATION_STD("activation std"),
    /** Fraction of activation values exactly zero. */
    ZERO_FRACTION("fraction of zero activations"),
    /** Fraction of activation values in the saturation region of the layer's activation. */
    SATURATED_FRACTION("fraction of saturated activations"),
    /** Fraction of units saturated for every example of the batch. */
    SATURATED_UNITS("fraction of units saturated for the whole batch"),
    /** Fraction of units zero for every example of the batch. */
    DEAD_UNITS("fraction of dead units (zero for every example)"),
    /** Activation std divided by the reference std (the network input's, or the first layer's). */
    SCALE_RATIO("activation std / input std"),
    /** L2 norm of the raw weight gradient (summed over the batch, before the updater). */
    GRADIENT_NORM("weight gradient L2 norm"),
    /** Root mean square of the raw weight gradient: norm / sqrt(number of weights). */
    GRADIENT_RMS("weight gradient RMS"),
    /** Gradient RMS divided by the top (last trainable) layer's gradient RMS. */
    GRADIENT_RATIO("gradient RMS / top layer's gradient RMS"),
    /** L2 norm of the update applied to the weights. */
    UPDATE_NORM("update L2 norm"),
    /** L2 norm of the weights after the update. */
    PARAM_NORM("weight L2 norm"),
    /** UPDATE_NORM / PARAM_NORM (rule of thumb ≈ 1e-3). */
    UPDATE_RATIO("update:parameter norm ratio"),
    /** 1 if an activation value was NaN or infinite, else 0. */
    NON_FINITE_ACTIVATIONS("NaN/Inf in activations"),
    /** 1 if a weight gradient value was NaN or infinite, else 0. */
    NON_FINITE_GRADIENTS("NaN/Inf in weight gradients"),
    /**
     * 1 if the layer's units are identical and provably stay identical (all its weights are equal, and so are
     * the weights that read its output), 0 if its weights were checked and are not; NaN for layers without
     * weights. Checked once, at the first checked iteration of a model.
     */
    SYMMETRIC_UNITS("identical units (all weights equal, and so are the next layer's)"),
    /** The model's score (loss): a model-level figure, NaN in every layer's figures. */
    SCORE("score");

    private static final Figure[] VALUES = values();

    private final String description;

    Figure(String description) {
        this.description = description;
    }

    /** @return the number of figures */
    public static int count() {
        return VALUES.length;
    }

    /**
     * @param ordinal an ordinal in [0, {@link #count()})
     * @return the figure at that ordinal
     */
    public static Figure at(int ordinal) {
        return VALUES[ordinal];
    }

    /** @return what is measured, e.g. "fraction of zero activations" */
    public String description() {
        return description;
    }

    /**
     * What the figure says about one layer: like {@link #description()}, but a rectifier's saturated fraction
     * is the fraction of its activations in the zero region.
     *
     * @param family the layer's activation family
     * @return the description
     */
    public String description(ActivationFamily family) {
        return this == SATURATED_FRACTION && family == ActivationFamily.RECTIFIER
                ? "fraction of activations in the zero region" : description;
    }
}
