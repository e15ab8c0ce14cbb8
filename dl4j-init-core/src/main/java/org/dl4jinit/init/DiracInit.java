package org.dl4jinit.init;

import java.util.Objects;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The Dirac delta kernel, as PyTorch's {@code dirac_}: a convolution that passes its input channels through.
 *
 * <pre>  W[o, o, kH/2, kW/2] = scale   for o &lt; min(nOut, nIn),   W = 0 elsewhere</pre>
 *
 * With same padding (and stride 1, zero bias) output channel {@code o} equals {@code scale} times input channel
 * {@code o} for {@code o < min(nOut, nIn)}; further output channels are zero. This is the convolutional
 * analogue of {@link IdentityInit}, used to start residual-free deep CNNs as identities (Zagoruyko &amp;
 * Komodakis, "DiracNets: Training Very Deep Neural Networks Without Skip-Connections", 2017). For even kernel
 * sizes the "center" is {@code k/2}.
 *
 * <p>For DL4J's kernels [nOut, nIn, kH, kW] (Convolution2D) and [nOut, nIn, k] (rank 3). Other ranks are
 * rejected. Ignores DL4J's fans and works from the shape.
 */
public final class DiracInit implements IWeightInit {

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
    @JsonCreator
    public DiracInit(@JsonProperty("scale") double scale) {
        this.scale = Checks.positive("scale", scale);
    }

    /**
     * @throws IllegalArgumentException if the shape is not of rank 3 or 4
     */
    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        Checks.shape(shape, 3, 4, "of rank 3 [nOut, nIn, k] or rank 4 [nOut, nIn, kH, kW] for a Dirac kernel");
        paramView.assign(0.0);
        long[] index = new long[shape.length];
        for (int d = 2; d < shape.length; d++) {
            index[d] = shape[d] / 2;
        }
        long channels = Math.min(shape[0], shape[1]);
        for (long o = 0; o < channels; o++) {
            index[0] = o;
            index[1] = o;
            paramView.putScalar(WeightShapes.offset(shape, order, index), scale);
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
