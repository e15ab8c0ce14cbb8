package org.dl4jinit.init;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Every weight the same constant: {@code W = c}. Like {@link ZeroInit}, it never breaks the symmetry between
 * the units of a layer; useful for tests and for special parameters. Ignores the fans.
 */
public final class ConstantInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    private final double value;

    /**
     * @param value the constant, finite (and, checked at {@code init}, representable in the network's data type)
     * @throws IllegalArgumentException if the value is NaN or infinite
     */
    public ConstantInit(double value) {
        this.value = Checks.finite("value", value);
    }

    @JsonCreator
    private static ConstantInit fromJson(@JsonProperty("value") Double value) {
        return new ConstantInit(JsonArgs.number("value", value));
    }

    @Override
    INDArray fill(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        Checks.representable(this, paramView, "|value|", Math.abs(value), "|value|", Math.abs(value));
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
