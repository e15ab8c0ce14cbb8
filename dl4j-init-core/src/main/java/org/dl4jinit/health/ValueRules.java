package org.dl4jinit.health;

/**
 * Which rules judge a layer's activation values (zero and saturated fractions, dead and saturated units, scale
 * collapse), decided once per model from the layer and the graph around it.
 *
 * <p>A layer is judged on what it can change. Weights (and their bias) decide where a unit's pre-activations lie,
 * and an activation function decides which of them end up zero or saturated, so a layer with weights or with an
 * activation of its own is judged. A layer or vertex with neither — padding, cropping, upsampling, pooling,
 * dropout, batch normalization, local response normalization, a merge, subset, stack, elementwise, reshape or
 * preprocessor vertex, an identity activation layer — only rearranges, repeats, pads, drops or combines the
 * values of the layers before it: its zeros are the padding it adds by design, the dropout it applies on purpose,
 * or the zeros of a rectifier before it, and its scale is theirs. It is {@link #NOT_JUDGED} (its figures are
 * still measured and shown, and a NaN/Inf first seen there is still named there): any real problem is judged at
 * the layer whose weights or activation caused it.
 *
 * <p>A rectifier's zeros are normal (its zero region is judged by its own band, not as "exact zeros"), and so
 * they stay wherever its output flows without passing through weights or a shift: a weightless layer whose own
 * activation keeps 0 at 0 (tanh, softsign, an ELU, ...) applied to a rectifier's output is {@link #RECTIFIED}.
 * Batch normalization shifts the values and ends the flow.
 */
enum ValueRules {
    /** Judged by its own activation's rules (a rectifier's zero region, or exact zeros for the others). */
    OWN,
    /** Judged by its own activation's rules, except that its exact zeros are a rectifier's and not judged. */
    RECTIFIED,
    /** Not judged on its values (it has neither weights nor an activation of its own). */
    NOT_JUDGED
}
