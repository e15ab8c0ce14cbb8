package org.dl4jinit.init;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Delta-orthogonal convolution kernels (Xiao, Bahri, Sohl-Dickstein, Schoenholz &amp; Pennington, "Dynamical
 * Isometry and a Mean Field Theory of CNNs: How to Train 10,000-Layer Vanilla CNNs", ICML 2018):
 * every spatial tap is zero except the center, which holds a Haar-random orthogonal matrix times {@code gain}:
 *
 * <pre>  W[:, :, center] = gain·H,   HᵀH = I (H is nOut × nIn with orthonormal columns),   W = 0 elsewhere</pre>
 *
 * With same padding the convolution then maps each pixel's channel vector through {@code gain·H}, a norm
 * preserving map for gain 1, which gives the dynamical isometry that lets very deep vanilla CNNs train. The
 * center tap is {@code (k − 1) / 2} in each spatial dimension, the tap DL4J's {@code ConvolutionMode.Same} aligns
 * with the output.
 *
 * <p>It requires {@code nOut >= nIn}, as TensorFlow's {@code ConvolutionDeltaOrthogonal} does: with fewer output
 * than input channels no map of this form preserves norms. Every convolution layer DL4J has gets its own layout
 * (see {@link KernelLayout}), so "nOut" and "nIn" are the layer's, also for Deconvolution2D [nIn, nOut, kH, kW].
 * A DepthwiseConvolution2D maps each channel on its own, to its {@code m} outputs (the depth multiplier): each
 * channel gets a random unit vector of length {@code m} times {@code gain} (a random sign when m = 1), the
 * orthogonal matrices of that shape. A SeparableConvolution2D gets such unit vectors on its depthwise weight and
 * {@code gain·H} on its pointwise weight, so the whole layer is {@code gain} times an isometry (it needs
 * {@code nOut >= nIn·m}). Called outside DL4J, a shape is read as [nOut, nIn, k...]. Other layers' weights are
 * rejected. Ignores DL4J's fans.
 */
public final class DeltaOrthogonalInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    private final double gain;

    /** Gain 1: a norm-preserving center tap, for linear and tanh networks. */
    public DeltaOrthogonalInit() {
        this(1.0);
    }

    /**
     * @param gain the factor applied to the orthogonal center tap, finite and &gt; 0
     * @throws IllegalArgumentException if the gain is not finite and positive
     */
    public DeltaOrthogonalInit(double gain) {
        this.gain = Checks.positive("gain", gain);
    }

    @JsonCreator
    private static DeltaOrthogonalInit fromJson(@JsonProperty("gain") Double gain) {
        return new DeltaOrthogonalInit(JsonArgs.number("gain", gain));
    }

    /**
     * @throws IllegalArgumentException if the weight is not a convolution kernel, has {@code nOut < nIn}, or the
     *                                  gain is not representable in the network's data type
     */
    @Override
    INDArray fill(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        WeightSite site = WeightSite.current();
        KernelLayout kernel = KernelLayout.of(site, shape, "a delta-orthogonal kernel");
        DataType type = WeightShapes.computeType(paramView);
        long out = kernel.outChannels();
        long in = kernel.inChannels();
        INDArray center;
        if (kernel.depthwise()) {
            // one random unit vector per channel: Gaussian rows, normalized (the Haar measure on the sphere)
            double g = site.kind() == WeightSite.Kind.SEPARABLE_DEPTHWISE ? 1.0 : gain;
            Checks.representable(this, paramView, "gain", g, "gain", g);
            INDArray rows = Nd4j.create(type, in, out);
            Sampling.normal(rows, 0.0, 1.0);
            rows.diviColumnVector(rows.norm2(1).reshape(in, 1)).muli(g);
            center = rows.transpose();
        } else {
            if (out < in) {
                throw new IllegalArgumentException("shape must have nOut >= nIn for a delta-orthogonal kernel (nOut = "
                        + out + ", nIn = " + in + "), was " + Arrays.toString(shape));
            }
            Checks.representable(this, paramView, "gain", gain, "gain", gain);
            center = OrthogonalMatrices.haar(type, out, in, gain);
        }
        INDArray weights = Nd4j.create(type, kernel.shape(), order);
        weights.get(kernel.centerSlice()).assign(kernel.outFirst() ? center : center.transpose());
        paramView.assign(weights.reshape(order, paramView.shape()));
        return paramView.reshape(order, shape);
    }

    /** @return the factor applied to the orthogonal center tap */
    public double getGain() {
        return gain;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof DeltaOrthogonalInit && Double.compare(gain, ((DeltaOrthogonalInit) o).gain) == 0);
    }

    @Override
    public int hashCode() {
        return Objects.hash(DeltaOrthogonalInit.class, gain);
    }

    @Override
    public String toString() {
        return "DeltaOrthogonalInit(gain=" + gain + ")";
    }
}
