package org.dl4jinit.init;

import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where the output channels, input channels and spatial taps of a DL4J convolution kernel lie, by the layer type
 * that hands the kernel to the initializer ({@link WeightSite}), for the initializers that place values at the
 * center tap ({@link DiracInit}, {@link DeltaOrthogonalInit}). Layouts of DL4J 1.0.0-M2.1, each confirmed by
 * running the layer:
 *
 * <table>
 *   <caption>kernel layouts</caption>
 *   <tr><th>layer</th><th>shape</th></tr>
 *   <tr><td>ConvolutionLayer, Convolution3D; direct calls</td><td>[nOut, nIn, k...] (rank 3 to 5)</td></tr>
 *   <tr><td>Convolution1DLayer</td><td>[nOut, nIn, k, 1] as DL4J passes it, but the layer reshapes (does not
 *       permute) that memory to [k, nIn, nOut] for its op, so the kernel is laid out as [k, nIn, nOut]</td></tr>
 *   <tr><td>Deconvolution2D</td><td>[nIn, nOut, kH, kW]</td></tr>
 *   <tr><td>Deconvolution3D</td><td>[kD, kH, kW, nOut, nIn]</td></tr>
 *   <tr><td>DepthwiseConvolution2D</td><td>[kH, kW, nIn, m]; output channel c·m + j reads input channel c</td></tr>
 *   <tr><td>SeparableConvolution2D depthwise</td><td>[m, nIn, kH, kW], same channel order</td></tr>
 *   <tr><td>SeparableConvolution2D pointwise</td><td>[nOut, nIn·m, 1, 1]</td></tr>
 * </table>
 *
 * <p>The center tap is {@code (k − 1) / 2} in every spatial dimension: the tap that DL4J's
 * {@code ConvolutionMode.Same} (stride 1) aligns with the output position, for odd and even kernel sizes alike,
 * so a kernel that is a delta there passes its input through unchanged. For a depthwise kernel the "output"
 * dimension is the depth multiplier {@code m} and the "input" dimension the channel. Positions refer to the
 * layout shape {@link #shape()}, in the order DL4J passes with the kernel.
 */
final class KernelLayout {

    private static final String CONVOLUTION_SHAPES = "of rank 3 [nOut, nIn, k], 4 [nOut, nIn, kH, kW] or 5 "
            + "[nOut, nIn, kD, kH, kW]";

    private final long[] shape;
    private final int outDim;
    private final int inDim;
    private final boolean depthwise;

    private KernelLayout(long[] shape, int outDim, int inDim, boolean depthwise) {
        this.shape = shape;
        this.outDim = outDim;
        this.inDim = inDim;
        this.depthwise = depthwise;
    }

    /**
     * @param site   where DL4J is calling from
     * @param shape  the kernel's shape
     * @param kernel what the initializer makes, for messages, e.g. "a Dirac kernel"
     * @throws IllegalArgumentException if the weight is not a convolution kernel of a supported layer type, or its
     *                                  shape does not fit the layer type's layout
     */
    static KernelLayout of(WeightSite site, long[] shape, String kernel) {
        switch (site.kind()) {
            case CONVOLUTION:
            case SEPARABLE_POINTWISE:
            case DIRECT:
                Checks.shape(shape, 3, 5, CONVOLUTION_SHAPES + " for " + kernel);
                return new KernelLayout(shape, 0, 1, false);
            case CONVOLUTION_1D:
                Checks.shape(shape, 4, 4, "of rank 4 [nOut, nIn, k, 1] for " + kernel);
                return new KernelLayout(new long[] {shape[2], shape[1], shape[0]}, 2, 1, false);
            case DECONVOLUTION:
                Checks.shape(shape, 4, 4, "of rank 4 [nIn, nOut, kH, kW] for " + kernel);
                return new KernelLayout(shape, 1, 0, false);
            case DECONVOLUTION_3D:
                Checks.shape(shape, 5, 5, "of rank 5 [kD, kH, kW, nOut, nIn] for " + kernel);
                return new KernelLayout(shape, 3, 4, false);
            case DEPTHWISE:
                Checks.shape(shape, 4, 4, "of rank 4 [kH, kW, nIn, depthMultiplier] for " + kernel);
                return new KernelLayout(shape, 3, 2, true);
            case SEPARABLE_DEPTHWISE:
                Checks.shape(shape, 4, 4, "of rank 4 [depthMultiplier, nIn, kH, kW] for " + kernel);
                return new KernelLayout(shape, 0, 1, true);
            default:
                throw new IllegalArgumentException(kernel + " needs the kernel of a convolution layer "
                        + "(ConvolutionLayer, Convolution1DLayer, Convolution3D, Deconvolution2D, Deconvolution3D, "
                        + "DepthwiseConvolution2D or SeparableConvolution2D), but DL4J handed it a weight of "
                        + site.layer());
        }
    }

    /** The shape the layer reads the kernel's memory as: the shape DL4J passes, except for Convolution1DLayer. */
    long[] shape() {
        return shape.clone();
    }

    /** Whether each input channel has its own filters (depthwise): then {@link #outChannels} is the multiplier. */
    boolean depthwise() {
        return depthwise;
    }

    /** Output channels, or the depth multiplier of a depthwise kernel. */
    long outChannels() {
        return shape[outDim];
    }

    /** Input channels. */
    long inChannels() {
        return shape[inDim];
    }

    /** Whether the output dimension comes before the input dimension (else the center slice is [in, out]). */
    boolean outFirst() {
        return outDim < inDim;
    }

    /** The index of the center tap connecting input channel {@code in} to output {@code out}. */
    long[] center(long out, long in) {
        long[] index = new long[shape.length];
        for (int d = 0; d < shape.length; d++) {
            index[d] = d == outDim ? out : d == inDim ? in : (shape[d] - 1) / 2;
        }
        return index;
    }

    /** The center tap as an index selecting the two channel dimensions, in their order in the kernel. */
    INDArrayIndex[] centerSlice() {
        INDArrayIndex[] index = new INDArrayIndex[shape.length];
        for (int d = 0; d < shape.length; d++) {
            index[d] = d == outDim || d == inDim ? NDArrayIndex.all() : NDArrayIndex.point((shape[d] - 1) / 2);
        }
        return index;
    }
}
