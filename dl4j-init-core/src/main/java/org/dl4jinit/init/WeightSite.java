package org.dl4jinit.init;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which DL4J layer and weight an {@code IWeightInit.init} call is filling, read from the call stack.
 *
 * <p>DL4J hands an initializer only fans, a shape and a view: not the layer, and the shape alone is ambiguous
 * (a depthwise kernel [kH, kW, nIn, m] and a convolution kernel [nOut, nIn, kH, kW] can have the same shape and
 * fans). DL4J 1.0.0-M2.1 calls every initializer from one method of the layer type's {@code ParamInitializer}
 * in {@code org.deeplearning4j.nn.params} (e.g. {@code DepthwiseConvolutionParamInitializer
 * .createDepthWiseWeightMatrix}), called from the layer configuration class in
 * {@code org.deeplearning4j.nn.conf.layers}; those two frames say what is being initialized. The layer's index
 * and name are not on the stack: {@link NetworkInit} adds them.
 *
 * <p>The stack is walked (at most {@value #MAX_FRAMES} frames) only by the structural convolution initializers,
 * which need the layout, and when an initializer rejects its input: once per layer, never per weight.
 */
final class WeightSite {

    /** The weight layout DL4J uses for a call, as far as the convolution initializers are concerned. */
    enum Kind {
        /** ConvolutionLayer, Convolution3D: [nOut, nIn, k...]. */
        CONVOLUTION,
        /** Convolution1DLayer: shape [nOut, nIn, k, 1], but the layer reads the memory as [k, nIn, nOut]. */
        CONVOLUTION_1D,
        /** Deconvolution2D: [nIn, nOut, kH, kW]. */
        DECONVOLUTION,
        /** Deconvolution3D: [kD, kH, kW, nOut, nIn]. */
        DECONVOLUTION_3D,
        /** DepthwiseConvolution2D: [kH, kW, nIn, depthMultiplier]. */
        DEPTHWISE,
        /** The depthwise weight of SeparableConvolution2D: [depthMultiplier, nIn, kH, kW]. */
        SEPARABLE_DEPTHWISE,
        /** The pointwise weight of SeparableConvolution2D: [nOut, nIn·depthMultiplier, 1, 1]. */
        SEPARABLE_POINTWISE,
        /** Any other DL4J weight (dense, recurrent, embedding, locally connected, ...). */
        OTHER,
        /** Not called by DL4J's parameter initializers (a direct call, e.g. from a test or another framework). */
        DIRECT
    }

    private static final String PARAMS = "org.deeplearning4j.nn.params.";
    private static final String LAYERS = "org.deeplearning4j.nn.conf.layers.";
    private static final int MAX_FRAMES = 64;

    private static final WeightSite DIRECT = new WeightSite(Kind.DIRECT, null, "");

    private final Kind kind;
    /** Simple name of the DL4J layer configuration class, or null. */
    private final String layer;
    /** Which of the layer's weights: "depthwise ", "pointwise " or "". */
    private final String role;

    private WeightSite(Kind kind, String layer, String role) {
        this.kind = kind;
        this.layer = layer;
        this.role = role;
    }

    /** The site of the current {@code init} call. */
    static WeightSite current() {
        List<StackWalker.StackFrame> frames = StackWalker.getInstance()
                .walk(s -> s.limit(MAX_FRAMES).collect(Collectors.toList()));
        StackWalker.StackFrame params = null;
        String layer = null;
        for (StackWalker.StackFrame f : frames) {
            String cls = f.getClassName();
            if (params == null && cls.startsWith(PARAMS)) {
                params = f;
            } else if (cls.startsWith(LAYERS)) {
                layer = cls.substring(cls.lastIndexOf('.') + 1);
                break;
            }
        }
        if (params == null) {
            return layer == null ? DIRECT : new WeightSite(Kind.OTHER, layer, "");
        }
        switch (params.getClassName().substring(PARAMS.length())) {
            case "ConvolutionParamInitializer":
                return new WeightSite("Convolution1DLayer".equals(layer) ? Kind.CONVOLUTION_1D : Kind.CONVOLUTION,
                        layer, "");
            case "Convolution3DParamInitializer":
                return new WeightSite(Kind.CONVOLUTION, layer, "");
            case "DeconvolutionParamInitializer":
                return new WeightSite(Kind.DECONVOLUTION, layer, "");
            case "Deconvolution3DParamInitializer":
                return new WeightSite(Kind.DECONVOLUTION_3D, layer, "");
            case "DepthwiseConvolutionParamInitializer":
                return new WeightSite(Kind.DEPTHWISE, layer, "depthwise ");
            case "SeparableConvolutionParamInitializer":
                return params.getMethodName().contains("PointWise")
                        ? new WeightSite(Kind.SEPARABLE_POINTWISE, layer, "pointwise ")
                        : new WeightSite(Kind.SEPARABLE_DEPTHWISE, layer, "depthwise ");
            default:
                return new WeightSite(Kind.OTHER, layer, "");
        }
    }

    /** @return the layout kind */
    Kind kind() {
        return kind;
    }

    /** The layer type in words, e.g. "a DepthwiseConvolution2D"; "a layer" if the stack does not show it. */
    String layer() {
        return layer == null ? "a layer" : "a " + layer;
    }

    /**
     * The error {@code e} with the weight being initialized added, e.g. "... (DL4J was initializing the depthwise
     * FLOAT weight [3, 3, 8, 2] of a DepthwiseConvolution2D)"; {@code e} itself outside DL4J.
     */
    IllegalArgumentException explain(IllegalArgumentException e, long[] shape, INDArray view) {
        if (kind == Kind.DIRECT) {
            return e;
        }
        return new IllegalArgumentException(e.getMessage() + " (DL4J was initializing the " + role
                + view.dataType() + " weight " + Arrays.toString(shape) + " of " + layer() + ")", e);
    }
}
