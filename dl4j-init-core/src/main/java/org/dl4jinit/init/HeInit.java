package org.dl4jinit.init;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * He/Kaiming initialization for rectifiers (He, Zhang, Ren &amp; Sun, "Delving Deep into Rectifiers:
 * Surpassing Human-Level Performance on ImageNet Classification", ICCV 2015, eq. 10 and 14):
 *
 * <pre>  Var[W] = gain² / n,   gain² = 2 / (1 + a²),   n = fanIn (FAN_IN) or fanOut (FAN_OUT)</pre>
 *
 * where {@code a} is the negative slope of a leaky ReLU/PReLU (0 for ReLU). Normal draws give
 * N(0, gain²/n); uniform draws give U(±gain·sqrt(3/n)), both as PyTorch's {@code kaiming_normal_} /
 * {@code kaiming_uniform_}.
 *
 * <p>{@code new HeInit()} is He-normal, FAN_IN, for ReLU: variance 2/fanIn, the same distribution as DL4J's
 * {@code WeightInit.RELU}, filled in place. A thin named form of {@link VarianceScalingInit}.
 *
 * <p>Fans are DL4J's (see the package documentation): for an LSTM, FAN_IN is nOut.
 */
public final class HeInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    private final InitDistribution distribution;
    private final FanMode mode;
    private final double negativeSlope;

    /** He-normal, FAN_IN, ReLU (a = 0): variance 2/fanIn. */
    public HeInit() {
        this(InitDistribution.NORMAL, FanMode.FAN_IN, 0.0);
    }

    /**
     * He initialization for a leaky ReLU of the given negative slope, normal, FAN_IN.
     *
     * @param negativeSlope the slope {@code a} of the rectifier for x &lt; 0, finite, &gt;= 0 and at most
     *                      sqrt(Double.MAX_VALUE) ≈ 1.34e154 (so that 1 + a² is finite)
     */
    public HeInit(double negativeSlope) {
        this(InitDistribution.NORMAL, FanMode.FAN_IN, negativeSlope);
    }

    /**
     * @param distribution  NORMAL, UNIFORM or TRUNCATED_NORMAL
     * @param mode          FAN_IN (preserves forward variance) or FAN_OUT (preserves backward variance);
     *                      FAN_AVG is accepted as in Keras' VarianceScaling
     * @param negativeSlope the slope {@code a} of the rectifier for x &lt; 0, finite, &gt;= 0 and at most
     *                      sqrt(Double.MAX_VALUE) ≈ 1.34e154 (so that 1 + a² is finite)
     * @throws IllegalArgumentException if the slope breaks its rule or an argument is null; at {@code init}, if
     *                                  the weights are not representable in the network's data type
     */
    public HeInit(InitDistribution distribution, FanMode mode, double negativeSlope) {
        this.distribution = Checks.notNull("distribution", distribution);
        this.mode = Checks.notNull("mode", mode);
        this.negativeSlope = Checks.nonNegative("negativeSlope", negativeSlope);
        if (negativeSlope > Checks.LARGEST_SQUARABLE) {
            throw new IllegalArgumentException("negativeSlope must be <= " + Checks.LARGEST_SQUARABLE
                    + " (so that 1 + negativeSlope² is a finite double), was " + negativeSlope);
        }
    }

    @JsonCreator
    private static HeInit fromJson(@JsonProperty("distribution") InitDistribution distribution,
            @JsonProperty("mode") FanMode mode, @JsonProperty("negativeSlope") Double negativeSlope) {
        return new HeInit(JsonArgs.required("distribution", distribution), JsonArgs.required("mode", mode),
                JsonArgs.number("negativeSlope", negativeSlope));
    }

    /** He-uniform, FAN_IN, ReLU: U(±sqrt(6/fanIn)). */
    public static HeInit uniform() {
        return new HeInit(InitDistribution.UNIFORM, FanMode.FAN_IN, 0.0);
    }

    /** He-normal, FAN_IN, ReLU: N(0, 2/fanIn). Same as {@code new HeInit()}. */
    public static HeInit normal() {
        return new HeInit();
    }

    /**
     * The squared gain of a rectifier with negative slope {@code a}: {@code 2 / (1 + a²)}.
     *
     * @param negativeSlope the slope for x &lt; 0
     * @return the squared gain
     */
    public static double gainSquared(double negativeSlope) {
        return 2.0 / (1.0 + negativeSlope * negativeSlope);
    }

    /** @return the equivalent general form: scale = 2/(1+a²), this mode and distribution */
    public VarianceScalingInit asVarianceScaling() {
        return new VarianceScalingInit(gainSquared(negativeSlope), mode, distribution);
    }

    /** The target variance for the given fans: {@code 2 / ((1 + a²) · n)}. */
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

    /** @return the fan divided by */
    public FanMode getMode() {
        return mode;
    }

    /** @return the negative slope {@code a} of the rectifier */
    public double getNegativeSlope() {
        return negativeSlope;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HeInit)) {
            return false;
        }
        HeInit that = (HeInit) o;
        return distribution == that.distribution && mode == that.mode
                && Double.compare(negativeSlope, that.negativeSlope) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(distribution, mode, negativeSlope);
    }

    @Override
    public String toString() {
        return "HeInit(distribution=" + distribution + ", mode=" + mode + ", negativeSlope=" + negativeSlope + ")";
    }
}
