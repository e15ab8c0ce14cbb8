package org.dl4jinit.health;

/**
 * What a finding is about: the two necessary conditions of a good initialization (activations are not
 * saturated; activations are not zero), the symmetry between a layer's units, and the health of the gradients.
 * {@link #remedy()} is the advice when nothing more specific is known; the {@link Diagnosis} of a finding
 * names the cause and the remedy that follows from it.
 */
public enum HealthCondition {
    /** Non-finite activations, gradients or score: nothing downstream of it is a measurement. */
    NON_FINITE(Group.GRADIENTS, "NaN/Inf",
            "lower the learning rate, check the input data for NaN, or clip gradients"),
    /** Condition 2: the units of a layer are identical and nothing can make them differ. */
    SYMMETRY(Group.CONDITION_2_NOT_ZERO, "condition 2 (units not identical)",
            "initialize with a random initializer (HeInit for ReLU, XavierInit for tanh/sigmoid)"),
    /** Condition 2: a large fraction of activation values are exactly zero. */
    ZERO_ACTIVATIONS(Group.CONDITION_2_NOT_ZERO, "condition 2 (activations not zero)",
            "check the weights and inputs that feed this layer: exact zeros come from zero weights or inputs"),
    /** Condition 2: units that are zero for every example of the batch. */
    DEAD_UNITS(Group.CONDITION_2_NOT_ZERO, "condition 2 (no dead units)",
            "use HeInit (or LSUV), a smaller learning rate, or a leaky rectifier"),
    /** Condition 1: activations sit where the activation's derivative vanishes. */
    SATURATION(Group.CONDITION_1_NOT_SATURATED, "condition 1 (activations not saturated)",
            "scale the weights to the activation (XavierInit with ActivationGain, LeCunInit) and standardize "
                    + "the inputs"),
    /** Condition 2: the activation scale collapses with depth. */
    SCALE_COLLAPSE(Group.CONDITION_2_NOT_ZERO, "condition 2 (activation scale kept with depth)",
            "use a fan-scaled initializer (HeInit for ReLU, XavierInit for tanh) instead of a fixed small scale, "
                    + "or LSUV"),
    /** Gradients: a trainable layer's weight gradient is exactly zero. */
    ZERO_GRADIENT(Group.GRADIENTS, "all-zero gradient",
            "the layer cannot learn: its inputs or back-propagated errors are zero"),
    /** Gradients: a layer's gradient is many orders of magnitude smaller than the top layer's. */
    VANISHING_GRADIENT(Group.GRADIENTS, "vanishing gradient",
            "use a fan-scaled initializer (HeInit/XavierInit) or LSUV; avoid saturating activations"),
    /** Gradients: a layer's gradient is many orders of magnitude larger than the top layer's. */
    EXPLODING_GRADIENT(Group.GRADIENTS, "exploding gradient",
            "scale the weights to the activation (XavierInit/LeCunInit), lower the learning rate or clip "
                    + "gradients"),
    /** Gradients: the update:parameter ratio is far from the ≈1e-3 rule of thumb. */
    UPDATE_RATIO(Group.GRADIENTS, "update:parameter ratio",
            "tune the learning rate so that updates are about 1e-3 of the parameters");

    /** Which necessary condition a finding belongs to. */
    public enum Group {
        /** Condition 1: activations are not saturated. */
        CONDITION_1_NOT_SATURATED,
        /** Condition 2: activations are not zero (nor identical across units). */
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

    /** @return the advice when no more specific cause is known */
    public String remedy() {
        return remedy;
    }
}
