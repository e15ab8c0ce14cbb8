package org.dl4jinit.init;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Every weight the same constant: {@code W = c}. Like {@link ZeroInit}, it never breaks the symmetry between
 * the units of a layer; useful for tests and for special parameters. Ignores the fans.
 */
public final class ConstantInit implements IWeightInit {

    private static final long serialVersionUID = 1L;

    private final double value;

    /**
     * @param value the constant, finite
     * @throws IllegalArgumentException if the value is NaN or infinite
     */
    @JsonCreator
    public ConstantInit(@JsonProperty("value") double value) {
        this.value = Checks.finite("value", value);
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        paramView.assign(value);
        return paramView.reshape(order, shape);
    }

    /** @return the constant */
    public double getValue() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ConstantInit && Double.compare(value, ((ConstantInit) o).value) == 0);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }

    @Override
    public String toString() {
        return "ConstantInit(value=" + value + ")";
    }
}
