package org.dl4jinit.init;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * LeCun initialization (LeCun, Bottou, Orr &amp; Müller, "Efficient BackProp", 1998, §4.6; the
 * initialization of SELU networks in Klambauer et al., "Self-Normalizing Neural Networks", NIPS 2017):
 *
 * <pre>  Var[W] = 1 / fanIn</pre>
 *
 * drawn from N(0, 1/fanIn) ({@code new LeCunInit()}, Keras' {@code lecun_normal}) or U(±sqrt(3/fanIn))
 * ({@link #uniform()}, Keras' {@code lecun_uniform}).
 *
 * <p>Note: DL4J's {@code WeightInit.LECUN_UNIFORM} draws U(±3/sqrt(fanIn)), variance 3/fanIn, three times
 * LeCun's; {@link #uniform()} gives 1/fanIn. A thin named form of {@link VarianceScalingInit} with scale 1,
 * FAN_IN. Fans are DL4J's: for an LSTM, fanIn is nOut.
 */
public final class LeCunInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    private final InitDistribution distribution;

    /** LeCun-normal: N(0, 1/fanIn). */
    public LeCunInit() {
        this(InitDistribution.NORMAL);
    }

    /**
     * @param distribution NORMAL, UNIFORM or TRUNCATED_NORMAL
     * @throws IllegalArgumentException if the distribution is null
     */
    public LeCunInit(InitDistribution distribution) {
        this.distribution = Checks.notNull("distribution", distribution);
    }

    @JsonCreator
    private static LeCunInit fromJson(@JsonProperty("distribution") InitDistribution distribution) {
        return new LeCunInit(JsonArgs.required("distribution", distribution));
    }

    /** LeCun-normal: N(0, 1/fanIn). */
    public static LeCunInit normal() {
        return new LeCunInit();
    }

    /** LeCun-uniform: U(±sqrt(3/fanIn)), variance 1/fanIn. */
    public static LeCunInit uniform() {
        return new LeCunInit(InitDistribution.UNIFORM);
    }

    /** @return the equivalent general form: scale 1, FAN_IN, this distribution */
    public VarianceScalingInit asVarianceScaling() {
        return new VarianceScalingInit(1.0, FanMode.FAN_IN, distribution);
    }

    /** The target variance for the given fans: {@code 1 / fanIn}. */
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

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof LeCunInit && distribution == ((LeCunInit) o).distribution);
    }

    @Override
    public int hashCode() {
        return Objects.hash(LeCunInit.class, distribution);
    }

    @Override
    public String toString() {
        return "LeCunInit(distribution=" + distribution + ")";
    }
}
