package org.dl4jinit.health;

/**
 * What a finding is about: the two necessary conditions of a good initialization (activations are not
 * saturated; activations are not zero) and the health of the gradients, each with the remedy the message
 * suggests.
 */
public enum HealthCondition {
    /** Condition 1: activations sit where the activation's derivative vanishes. */
    SATURATION(Group.CONDITION_1_NOT_SATURATED, "condition 1 (activations not saturated)",
            "scale the weights down: use XavierInit with the activation's gain (ActivationGain) or LeCunInit, "
                    + "or standardize the inputs"),
    /** Condition 2: a large fraction of activation values are exactly zero. */
    ZERO_ACTIVATIONS(Group.CONDITION_2_NOT_ZERO, "condition 2 (activations not zero)",
            "break the symmetry with a random initializer (HeInit for ReLU, XavierInit for tanh/sigmoid)"),
    /** Condition 2: units that are zero for every example of the batch. */
    DEAD_UNITS(Group.CONDITION_2_NOT_ZERO, "condition 2 (no dead units)",
            "use HeInit (or LSUV), a smaller learning rate, or a leaky rectifier"),
    /** Condition 2: the activation scale collapses with depth. */
    SCALE_COLLAPSE(Group.CONDITION_2_NOT_ZERO, "condition 2 (activation scale kept with depth)",
            "use a fan-scaled initializer (HeInit for ReLU, XavierInit for tanh) instead of a fixed small scale, "
                    + "or LSUV"),
    /** Gradients: a layer's gradient is many orders of magnitude smaller than the top layer's. */
    VANISHING_GRADIENT(Group.GRADIENTS, "vanishing gradient",
            "use a fan-scaled initializer (HeInit/XavierInit) or LSUV; avoid saturating activations"),
    /** Gradients: a layer's gradient is many orders of magnitude larger than the top layer's. */
    EXPLODING_GRADIENT(Group.GRADIENTS, "exploding gradient",
            "scale the weights down (XavierInit/LeCunInit), lower the learning rate or clip gradients"),
    /** Gradients: a trainable layer's weight gradient is exactly zero. */
    ZERO_GRADIENT(Group.GRADIENTS, "all-zero gradient",
            "the layer cannot learn: its inputs or back-propagated errors are zero; use a random initializer"),
    /** Gradients: the update:parameter ratio is far from the ≈1e-3 rule of thumb. */
    UPDATE_RATIO(Group.GRADIENTS, "update:parameter ratio",
            "tune the learning rate so that updates are about 1e-3 of the parameters"),
    /** NaN or infinite activations, gradients or score. */
    NON_FINITE(Group.GRADIENTS, "NaN/Inf",
            "lower the learning rate, check the input data for NaN, or clip gradients");

    /** Which necessary condition a finding belongs to. */
    public enum Group {
        /** Condition 1: activations are not saturated. */
        CONDITION_1_NOT_SATURATED,
        /** Condition 2: activations are not zero. */
        CONDITION_2_NOT_ZERO,
        /** Gradient health. */
        GRADIENTS
    }

    private final Group group;
    private final String title;
    private final String remedy;

    HealthCondition(Group group, String title, String remedy) {
        this.group = group;
        this.title = title;
        this.remedy = remedy;
    }

    /** @return the necessary condition this finding belongs to */
    public Group group() {
        return group;
    }

    /** @return a human-readable name, e.g. "condition 2 (activations not zero)" */
    public String title() {
        return title;
    }

    /** @return what to do about it */
    public String remedy() {
        return remedy;
    }
}
