package org.dl4jinit.init;

/**
 * Which fan the variance-scaling family divides by (Glorot &amp; Bengio 2010; He et al. 2015).
 *
 * <p>{@code FAN_IN} preserves the variance of activations in the forward pass, {@code FAN_OUT} the variance
 * of gradients in the backward pass, {@code FAN_AVG} compromises between the two with
 * {@code (fanIn + fanOut) / 2}.
 */
public enum FanMode {
    /** Divide by {@code fanIn}. */
    FAN_IN,
    /** Divide by {@code fanOut}. */
    FAN_OUT,
    /** Divide by {@code (fanIn + fanOut) / 2}. */
    FAN_AVG;

    /**
     * The fan this mode selects.
     *
     * @param fanIn  the fan-in DL4J passed to the initializer
     * @param fanOut the fan-out DL4J passed to the initializer
     * @return {@code fanIn}, {@code fanOut} or their mean
     * @throws IllegalArgumentException if the selected fan is not finite and positive
     */
    public double fan(double fanIn, double fanOut) {
        switch (this) {
            case FAN_IN:
                return Checks.fan("fanIn", fanIn);
            case FAN_OUT:
                return Checks.fan("fanOut", fanOut);
            default:
                return (Checks.fan("fanIn", fanIn) + Checks.fan("fanOut", fanOut)) / 2.0;
        }
    }
}
