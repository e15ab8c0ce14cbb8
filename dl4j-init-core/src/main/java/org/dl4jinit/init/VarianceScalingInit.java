package org.dl4jinit.init;

import java.util.Objects;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The general variance-scaling initializer: zero-mean draws with variance
 *
 * <pre>  Var[W] = scale / n,   n = fanIn | fanOut | (fanIn + fanOut) / 2   (by {@link FanMode})</pre>
 *
 * from a normal, a truncated normal (std corrected by 1/0.87962566103423978 so the truncated variance is
 * exact) or a uniform on ±sqrt(3·scale/n) (see {@link InitDistribution}).
 *
 * <p>Every classic scheme is a point of this family (Glorot &amp; Bengio, "Understanding the difficulty of
 * training deep feedforward neural networks", AISTATS 2010; He et al., "Delving Deep into Rectifiers",
 * ICCV 2015; LeCun et al., "Efficient BackProp", 1998; Klambauer et al., "Self-Normalizing Neural Networks",
 * NIPS 2017): {@link XavierInit} is scale=gain², FAN_AVG; {@link HeInit} is scale=2/(1+a²), FAN_IN;
 * {@link LeCunInit} is scale=1, FAN_IN. It matches Keras' {@code VarianceScaling} and PyTorch's
 * {@code kaiming_*}/{@code xavier_*} for the same scale and fan.
 *
 * <p>Note: DL4J's own {@code VAR_SCALING_UNIFORM_*} and {@code LECUN_UNIFORM} draw from U(±sqrt(3/n)) times
 * an extra sqrt(3), which gives variance 3/n; this class gives 1/n for scale 1, as its name promises.
 *
 * <p>Fans are DL4J's (see the package documentation): for an LSTM, FAN_IN is nOut.
 */
public final class VarianceScalingInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    private final double scale;
    private final FanMode mode;
    private final InitDistribution distribution;

    /** Scale 1, FAN_IN, truncated normal: the defaults of Keras' {@code VarianceScaling} (LeCun's variance). */
    public VarianceScalingInit() {
        this(1.0, FanMode.FAN_IN, InitDistribution.TRUNCATED_NORMAL);
    }

    /**
     * @param scale        the numerator of the variance, finite and &gt; 0
     * @param mode         the fan to divide by
     * @param distribution the distribution to draw from
     * @throws IllegalArgumentException if {@code scale} is not finite and positive or an argument is null; at
     *                                  {@code init}, if the weights of the layer's standard deviation
     *                                  {@code sqrt(scale / n)} are not representable in the network's data type
     */
    public VarianceScalingInit(double scale, FanMode mode, InitDistribution distribution) {
        this.scale = Checks.positive("scale", scale);
        this.mode = Checks.notNull("mode", mode);
        this.distribution = Checks.notNull("distribution", distribution);
    }

    @JsonCreator
    private static VarianceScalingInit fromJson(@JsonProperty("scale") Double scale,
            @JsonProperty("mode") FanMode mode, @JsonProperty("distribution") InitDistribution distribution) {
        return new VarianceScalingInit(JsonArgs.number("scale", scale), JsonArgs.required("mode", mode),
                JsonArgs.required("distribution", distribution));
    }

    /**
     * The variance this initializer targets for the given fans: {@code scale / mode.fan(fanIn, fanOut)}.
     *
     * @param fanIn  DL4J's fan-in for the layer
     * @param fanOut DL4J's fan-out for the layer
     * @return the target variance of every weight
     */
    public double variance(double fanIn, double fanOut) {
        return scale / mode.fan(fanIn, fanOut);
    }

    @Override
    INDArray fill(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        return fill(this, fanIn, fanOut, paramView, order, shape);
    }

    /**
     * The fill, with errors naming {@code owner}: the named forms ({@link HeInit}, {@link XavierInit},
     * {@link LeCunInit}) pass themselves, so a message quotes the arguments the user set, not this general form.
     */
    INDArray fill(IWeightInit owner, double fanIn, double fanOut, INDArray paramView, char order, long[] shape) {
        double variance = variance(fanIn, fanOut);
        double std = Math.sqrt(variance);
        String at = " at fanIn=" + fanIn + ", fanOut=" + fanOut;
        Checks.representable(owner, paramView, distribution.reachName() + at, distribution.reach(std), "std" + at,
                std);
        distribution.fill(paramView, variance);
        return paramView.reshape(order, shape);
    }

    /** @return the numerator of the variance */
    public double getScale() {
        return scale;
    }

    /** @return the fan divided by */
    public FanMode getMode() {
        return mode;
    }

    /** @return the distribution drawn from */
    public InitDistribution getDistribution() {
        return distribution;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof VarianceScalingInit)) {
            return false;
        }
        VarianceScalingInit that = (VarianceScalingInit) o;
        return Double.compare(scale, that.scale) == 0 && mode == that.mode && distribution == that.distribution;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scale, mode, distribution);
    }

    @Override
    public String toString() {
        return "VarianceScalingInit(scale=" + scale + ", mode=" + mode + ", distribution=" + distribution + ")";
    }
}
