package org.dl4jinit.init;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Uniform weights: {@code W ~ U(a, b)}, mean (a+b)/2, variance (b−a)²/12. Ignores the fans.
 *
 * <p>{@link #symmetric(double)} with {@code 1/sqrt(fanIn)} is the "standard" heuristic
 * U[−1/sqrt(n), 1/sqrt(n)] that Glorot &amp; Bengio (2010, eq. 1) compare against.
 *
 * <p>Any finite bounds whose weights the network's data type can hold work, however wide: when {@code b − a}
 * itself would overflow that type (ND4J's uniform op computes {@code a + (b − a)·u} in it), the weights are drawn
 * as {@code (a+b)/2 + ((b−a)/2)·U(−1, 1)}, whose every intermediate stays within {@code [a, b]}.
 */
public final class UniformInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    private final double lower;
    private final double upper;

    /**
     * @param lower the lower bound {@code a}, finite
     * @param upper the upper bound {@code b}, finite and &gt; {@code a}
     * @throws IllegalArgumentException if a bound is not finite or {@code a >= b}; at {@code init}, if a bound
     *                                  exceeds the largest value of the network's data type or the half-width is
     *                                  below its smallest normal value
     */
    public UniformInit(double lower, double upper) {
        this.lower = Checks.finite("lower", lower);
        this.upper = Checks.finite("upper", upper);
        if (lower >= upper) {
            throw new IllegalArgumentException(
                    "lower must be < upper, was lower=" + lower + ", upper=" + upper);
        }
    }

    /**
     * U(−limit, limit).
     *
     * @param limit the half-width, finite and &gt; 0
     * @return the initializer
     */
    public static UniformInit symmetric(double limit) {
        Checks.positive("limit", limit);
        return new UniformInit(-limit, limit);
    }

    @JsonCreator
    private static UniformInit fromJson(@JsonProperty("lower") Double lower, @JsonProperty("upper") Double upper) {
        return new UniformInit(JsonArgs.number("lower", lower), JsonArgs.number("upper", upper));
    }

    @Override
    INDArray fill(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        double halfWidth = upper / 2 - lower / 2;
        Checks.representable(this, paramView, "max(|lower|, |upper|)", Math.max(Math.abs(lower), Math.abs(upper)),
                "(upper - lower)/2", halfWidth);
        if (2 * halfWidth <= Checks.largestFinite(paramView.dataType())) {
            Sampling.uniform(paramView, lower, upper);
        } else {
            Sampling.uniform(paramView, -1.0, 1.0);
            paramView.muli(halfWidth).addi(lower / 2 + upper / 2);
        }
        return paramView.reshape(order, shape);
    }

    /** @return the lower bound */
    public double getLower() {
        return lower;
    }

    /** @return the upper bound */
    public double getUpper() {
        return upper;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof UniformInit)) {
            return false;
        }
        UniformInit that = (UniformInit) o;
        return Double.compare(lower, that.lower) == 0 && Double.compare(upper, that.upper) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lower, upper);
    }

    @Override
    public String toString() {
        return "UniformInit(lower=" + lower + ", upper=" + upper + ")";
    }
}
