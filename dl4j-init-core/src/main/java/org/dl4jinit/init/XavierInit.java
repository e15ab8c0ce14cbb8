package org.dl4jinit.init;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Xavier/Glorot initialization (Glorot &amp; Bengio, "Understanding the difficulty of training deep
 * feedforward neural networks", AISTATS 2010, eq. 12 and 16):
 *
 * <pre>  Var[W] = gain² · 2 / (fanIn + fanOut)</pre>
 *
 * drawn uniformly from ±gain·sqrt(6/(fanIn+fanOut)) (the paper's "normalized initialization") or from
 * N(0, gain²·2/(fanIn+fanOut)). With gain 1 this keeps the variance of activations and of back-propagated
 * gradients near 1 for symmetric activations linear around 0; for tanh use the gain 5/3 of
 * {@link ActivationGain}, as PyTorch's {@code xavier_*_(gain=calculate_gain('tanh'))}.
 *
 * <p>{@code new XavierInit()} is Xavier-uniform with gain 1, the paper's form (and Keras' default
 * {@code glorot_uniform}); {@link #normal()} is the distribution of DL4J's {@code WeightInit.XAVIER}.
 * A thin named form of {@link VarianceScalingInit} with scale gain², FAN_AVG.
 */
public final class XavierInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    private final InitDistribution distribution;
    private final double gain;

    /** Xavier-uniform, gain 1: U(±sqrt(6/(fanIn+fanOut))). */
    public XavierInit() {
        this(InitDistribution.UNIFORM, 1.0);
    }

    /**
     * @param distribution UNIFORM, NORMAL or TRUNCATED_NORMAL
     * @param gain         the multiplier of the standard deviation, finite and &gt; 0, with a finite, normal
     *                     square (between about 1.5e-154 and 1.3e154)
     * @throws IllegalArgumentException if the gain breaks its rule or the distribution is null; at {@code init},
     *                                  if the weights are not representable in the network's data type
     */
    public XavierInit(InitDistribution distribution, double gain) {
        this.distribution = Checks.notNull("distribution", distribution);
        this.gain = Checks.squarable("gain", Checks.positive("gain", gain));
    }

    @JsonCreator
    private static XavierInit fromJson(@JsonProperty("distribution") InitDistribution distribution,
            @JsonProperty("gain") Double gain) {
        return new XavierInit(JsonArgs.required("distribution", distribution), JsonArgs.number("gain", gain));
    }

    /** Xavier-uniform with gain 1. */
    public static XavierInit uniform() {
        return new XavierInit();
    }

    /** Xavier-uniform with the given gain. */
    public static XavierInit uniform(double gain) {
        return new XavierInit(InitDistribution.UNIFORM, gain);
    }

    /** Xavier-normal with gain 1: N(0, 2/(fanIn+fanOut)), as DL4J's {@code WeightInit.XAVIER}. */
    public static XavierInit normal() {
        return new XavierInit(InitDistribution.NORMAL, 1.0);
    }

    /** Xavier-normal with the given gain. */
    public static XavierInit normal(double gain) {
        return new XavierInit(InitDistribution.NORMAL, gain);
    }

    /** @return the equivalent general form: scale gain², FAN_AVG, this distribution */
    public VarianceScalingInit asVarianceScaling() {
        return new VarianceScalingInit(gain * gain, FanMode.FAN_AVG, distribution);
    }

    /** The target variance for the given fans: {@code gain² · 2 / (fanIn + fanOut)}. */
    public double variance(double fanIn, double fanOut) {
        return asVarianceScaling().variance(fanIn, fanOut);
    }

    @Override
    INDArray fill(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        return asVarianceScaling().fill(this, fanIn, fanOut, paramView, order, shape);
    }

    /** @return the distribution drawn from */
    public InitDistribution getDistribution() {
        return distribution;
    }

    /** @return the gain */
    public double getGain() {
        return gain;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof XavierInit)) {
            return false;
        }
        XavierInit that = (XavierInit) o;
        return distribution == that.distribution && Double.compare(gain, that.gain) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(distribution, gain);
    }

    @Override
    public String toString() {
        return "XavierInit(distribution=" + distribution + ", gain=" + gain + ")";
    }
}
