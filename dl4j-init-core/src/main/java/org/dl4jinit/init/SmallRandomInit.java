package org.dl4jinit.init;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Small random numbers: {@code W = factor · N(0, 1)}, i.e. N(0, factor²), default factor 0.001.
 *
 * <p>The "small random numbers" recipe that breaks symmetry without regard to the fans. It works for shallow
 * nets but in a deep net each layer multiplies the activation scale by about {@code factor·sqrt(n)}
 * (0.001·sqrt(256) = 0.016 for width 256), so activations and back-propagated gradients shrink
 * geometrically with depth (Glorot &amp; Bengio 2010, §4; the failure the health listener flags as
 * "activation scale collapses with depth"). Ignores the fans.
 */
public final class SmallRandomInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    /** The default control factor. */
    public static final double DEFAULT_FACTOR = 0.001;

    private final double factor;

    /** N(0,1) · 0.001. */
    public SmallRandomInit() {
        this(DEFAULT_FACTOR);
    }

    /**
     * @param factor the standard deviation, finite and &gt; 0
     * @throws IllegalArgumentException if the factor is not finite and positive; at {@code init}, if
     *                                  {@code 16·factor} exceeds the largest value of the network's data type or
     *                                  the factor is below its smallest normal value
     */
    public SmallRandomInit(double factor) {
        this.factor = Checks.positive("factor", factor);
    }

    @JsonCreator
    private static SmallRandomInit fromJson(@JsonProperty("factor") Double factor) {
        return new SmallRandomInit(JsonArgs.number("factor", factor));
    }

    @Override
    INDArray fill(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        Checks.representable(this, paramView, (int) Checks.NORMAL_REACH + "·factor", Checks.NORMAL_REACH * factor,
                "factor", factor);
        Sampling.normal(paramView, 0.0, factor);
        return paramView.reshape(order, shape);
    }

    /** @return the control factor (the standard deviation of the weights) */
    public double getFactor() {
        return factor;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof SmallRandomInit && Double.compare(factor, ((SmallRandomInit) o).factor) == 0);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(factor) * 31 + 7;
    }

    @Override
    public String toString() {
        return "SmallRandomInit(factor=" + factor + ")";
    }
}
