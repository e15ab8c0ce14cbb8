package org.dl4jinit.init;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Delta-orthogonal convolution kernels (Xiao, Bahri, Sohl-Dickstein, Schoenholz &amp; Pennington, "Dynamical
 * Isometry and a Mean Field Theory of CNNs: How to Train 10,000-Layer Vanilla CNNs", ICML 2018):
 * every spatial tap is zero except the center, which holds a Haar-random orthogonal matrix times {@code gain}:
 *
 * <pre>  W[:, :, kH/2, kW/2] = gain·H,   HᵀH = I (H is nOut × nIn with orthonormal columns),   W = 0 elsewhere</pre>
 *
 * With same padding the convolution then maps each pixel's channel vector through {@code gain·H}, a norm
 * preserving map for gain 1, which gives the dynamical isometry that lets very deep vanilla CNNs train.
 * For even kernel sizes the "center" is {@code k/2} (the lower-right of the two middle taps).
 *
 * <p>For DL4J's kernels [nOut, nIn, kH, kW] (Convolution2D) and [nOut, nIn, k] (rank 3). It requires
 * {@code nOut >= nIn}, as TensorFlow's {@code ConvolutionDeltaOrthogonal} does: with fewer output than input
 * channels no map of this form preserves norms. Ignores DL4J's fans and works from the shape.
 */
public final class DeltaOrthogonalInit implements IWeightInit {

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
    @JsonCreator
    public DeltaOrthogonalInit(@JsonProperty("gain") double gain) {
        this.gain = Checks.positive("gain", gain);
    }

    /**
     * @throws IllegalArgumentException if the shape is not of rank 3 or 4, or has {@code nOut < nIn}
     */
    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        Checks.shape(shape, 3, 4, "of rank 3 [nOut, nIn, k] or rank 4 [nOut, nIn, kH, kW] for a delta-orthogonal "
                + "kernel");
        if (shape[0] < shape[1]) {
            throw new IllegalArgumentException("shape must have nOut >= nIn (shape[0] >= shape[1]) for a "
                    + "delta-orthogonal kernel, was " + Arrays.toString(shape));
        }
        INDArray kernel = Nd4j.create(WeightShapes.computeType(paramView), shape, order);
        INDArrayIndex[] center = new INDArrayIndex[shape.length];
        center[0] = NDArrayIndex.all();
        center[1] = NDArrayIndex.all();
        for (int d = 2; d < shape.length; d++) {
            center[d] = NDArrayIndex.point(shape[d] / 2);
        }
        kernel.get(center).assign(OrthogonalMatrices.haar(kernel.dataType(), shape[0], shape[1], gain));
        paramView.assign(kernel.reshape(order, paramView.shape()));
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
