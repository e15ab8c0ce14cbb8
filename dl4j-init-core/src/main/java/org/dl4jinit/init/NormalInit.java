package org.dl4jinit.init;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Normal weights: {@code W ~ N(mean, std²)}. Ignores the fans. {@code new NormalInit(0, 1)} is the
 * "N(0,1)" initialization that saturates tanh units on wide inputs.
 */
public final class NormalInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    private final double mean;
    private final double std;

    /**
     * @param mean the mean, finite
     * @param std  the standard deviation, finite and &gt; 0
     * @throws IllegalArgumentException if the mean is not finite or std is not finite and positive; at
     *                                  {@code init}, if {@code |mean| + 16·std} exceeds the largest value of the
     *                                  network's data type or std is below its smallest normal value
     */
    public NormalInit(double mean, double std) {
        this.mean = Checks.finite("mean", mean);
        this.std = Checks.positive("std", std);
    }

    @JsonCreator
    private static NormalInit fromJson(@JsonProperty("mean") Double mean, @JsonProperty("std") Double std) {
        return new NormalInit(JsonArgs.number("mean", mean), JsonArgs.number("std", std));
    }

    @Override
    INDArray fill(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        Checks.representable(this, paramView, "|mean| + " + (int) Checks.NORMAL_REACH + "·std",
                Math.abs(mean) + Checks.NORMAL_REACH * std, "std", std);
        Sampling.normal(paramView, mean, std);
        return paramView.reshape(order, shape);
    }

    /** @return the mean */
    public double getMean() {
        return mean;
    }

    /** @return the standard deviation */
    public double getStd() {
        return std;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NormalInit)) {
            return false;
        }
        NormalInit that = (NormalInit) o;
        return Double.compare(mean, that.mean) == 0 && Double.compare(std, that.std) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(NormalInit.class, mean, std);
    }

    @Override
    public String toString() {
        return "NormalInit(mean=" + mean + ", std=" + std + ")";
    }
}
