package org.dl4jinit.health;

/**
 * The figures measured per layer per checked iteration. NaN means "not measured" (no activations passed for
 * an output layer, no weights, no update yet). The order is part of the record format: append only.
 */
public enum Figure {
    /** Mean of the layer's output activations. */
    ACTIVATION_MEAN,
    /** Standard deviation of the layer's output activations. */
    ACTIVATION_STD,
    /** Fraction of activation values exactly zero. */
    ZERO_FRACTION,
    /** Fraction of activation values in the saturation region of the layer's activation. */
    SATURATED_FRACTION,
    /** Fraction of units saturated for every example of the batch. */
    SATURATED_UNITS,
    /** Fraction of units zero for every example of the batch. */
    DEAD_UNITS,
    /** Activation std divided by the reference std (the network input's, or the first layer's). */
    SCALE_RATIO,
    /** L2 norm of the raw weight gradient (summed over the batch, before the updater). */
    GRADIENT_NORM,
    /** Root mean square of the raw weight gradient: norm / sqrt(number of weights). */
    GRADIENT_RMS,
    /** Gradient RMS divided by the top (last trainable) layer's gradient RMS. */
    GRADIENT_RATIO,
    /** L2 norm of the update applied to the weights. */
    UPDATE_NORM,
    /** L2 norm of the weights after the update. */
    PARAM_NORM,
    /** UPDATE_NORM / PARAM_NORM (rule of thumb ≈ 1e-3). */
    UPDATE_RATIO,
    /** 1 if an activation value was NaN or infinite, else 0. */
    NON_FINITE_ACTIVATIONS,
    /** 1 if a weight gradient value was NaN or infinite, else 0. */
    NON_FINITE_GRADIENTS;

    private static final Figure[] VALUES = values();

    /** @return the number of figures */
    public static int count() {
        return VALUES.length;
    }

    /** @return the figure at an ordinal */
    static Figure at(int ordinal) {
        return VALUES[ordinal];
    }
}
