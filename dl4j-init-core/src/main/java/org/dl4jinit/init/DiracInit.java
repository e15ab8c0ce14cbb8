package org.dl4jinit.init;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The Dirac delta kernel, as PyTorch's {@code dirac_}: a convolution that passes its input channels through.
 *
 * <pre>  W[o, o, center] = scale   for o &lt; min(nOut, nIn),   W = 0 elsewhere</pre>
 *
 * With same padding (and stride 1, zero bias) output channel {@code o} equals {@code scale} times input channel
 * {@code o} for {@code o < min(nOut, nIn)}; further output channels are zero. This is the convolutional
 * analogue of {@link IdentityInit}, used to start residual-free deep CNNs as identities (Zagoruyko &amp;
 * Komodakis, "DiracNets: Training Very Deep Neural Networks Without Skip-Connections", 2017). The center tap is
 * {@code (k − 1) / 2} in each spatial dimension, the tap DL4J's {@code ConvolutionMode.Same} aligns with the
 * output, so even kernel sizes pass the input through too.
 *
 * <p>Every convolution layer DL4J has gets its own layout (see {@link KernelLayout}): ConvolutionLayer,
 * Convolution1DLayer, Convolution3D, Deconvolution2D and Deconvolution3D as above (in each layer's own order of
 * the channel dimensions); a DepthwiseConvolution2D
 * gets the delta on each channel's first filter (PyTorch's {@code dirac_} with groups), so with depth
 * multiplier 1 it is the identity times {@code scale}; a SeparableConvolution2D gets a delta of 1 on its
 * depthwise weight and the Dirac matrix times {@code scale} on its pointwise weight, which needs depth
 * multiplier 1 (with more, the pointwise weight cannot tell which copy of a channel carries it). Called outside
 * DL4J, a shape is read as [nOut, nIn, k...]. Other layers' weights are rejected. Ignores DL4J's fans.
 */
public final class DiracInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    private final double scale;

    /** Scale 1: an exact pass-through of the first min(nOut, nIn) channels. */
    public DiracInit() {
        this(1.0);
    }

    /**
     * @param scale the value of each delta, finite and &gt; 0
     * @throws IllegalArgumentException if the scale is not finite and positive
     */
    public DiracInit(double scale) {
        this.scale = Checks.positive("scale", scale);
    }

    @JsonCreator
    private static DiracInit fromJson(@JsonProperty("scale") Double scale) {
        return new DiracInit(JsonArgs.number("scale", scale));
    }

    /**
     * @throws IllegalArgumentException if the weight is not a convolution kernel, a separable layer has a depth
     *                                  multiplier other than 1, or the scale is not representable in the
     *                                  network's data type
     */
    @Override
    INDArray fill(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        WeightSite site = WeightSite.current();
        KernelLayout kernel = KernelLayout.of(site, shape, "a Dirac kernel");
        Checks.representable(this, paramView, "scale", scale, "scale", scale);
        paramView.assign(0.0);
        if (kernel.depthwise()) {
            boolean separable = site.kind() == WeightSite.Kind.SEPARABLE_DEPTHWISE;
            if (separable && kernel.outChannels() != 1) {
                throw new IllegalArgumentException("depthMultiplier must be 1 for a Dirac SeparableConvolution2D "
                        + "(its pointwise weight cannot tell which copy of a channel to pass on), was "
                        + kernel.outChannels());
            }
            double delta = separable ? 1.0 : scale;
            for (long c = 0; c < kernel.inChannels(); c++) {
                paramView.putScalar(WeightShapes.offset(kernel.shape(), order, kernel.center(0, c)), delta);
            }
        } else {
            long channels = Math.min(kernel.outChannels(), kernel.inChannels());
            for (long o = 0; o < channels; o++) {
                paramView.putScalar(WeightShapes.offset(kernel.shape(), order, kernel.center(o, o)), scale);
            }
        }
        return paramView.reshape(order, shape);
    }

    /** @return the value of each delta */
    public double getScale() {
        return scale;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof DiracInit && Double.compare(scale, ((DiracInit) o).scale) == 0);
    }

    @Override
    public int hashCode() {
        return Objects.hash(DiracInit.class, scale);
    }

    @Override
    public String toString() {
        return "DiracInit(scale=" + scale + ")";
    }
}
