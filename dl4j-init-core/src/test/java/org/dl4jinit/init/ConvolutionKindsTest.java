package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Deconvolution3D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Dirac and delta-orthogonal kernels on every convolution layer type DL4J hands them, checked on the layer's
 * output: with same padding and stride 1 a Dirac layer with as many outputs as inputs is {@code scale} times the
 * identity, a delta-orthogonal layer is {@code gain} times an isometry (‖f(x)‖ = gain·‖x‖ for every x).
 */
class ConvolutionKindsTest {

    private static final double TOLERANCE = 1e-5;

    /** One layer of the given kind, same mode, identity activation, zero bias. */
    private static Layer layer(String kind, int nOut, int[] kernel, int depthMultiplier, IWeightInit init) {
        switch (kind) {
            case "ConvolutionLayer":
                return new ConvolutionLayer.Builder(kernel).nOut(nOut).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).weightInit(init).build();
            case "Convolution1DLayer":
                return new Convolution1DLayer.Builder(kernel[0]).nOut(nOut).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).weightInit(init).build();
            case "Convolution3D":
                return new Convolution3D.Builder().kernelSize(kernel).nOut(nOut)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).weightInit(init).build();
            case "Deconvolution2D":
                return new Deconvolution2D.Builder(kernel).nOut(nOut).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).weightInit(init).build();
            case "Deconvolution3D":
                return new Deconvolution3D.Builder().kernelSize(kernel).nOut(nOut)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).weightInit(init).build();
            case "DepthwiseConvolution2D":
                return new DepthwiseConvolution2D.Builder(kernel).depthMultiplier(depthMultiplier).nOut(nOut)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).weightInit(init).build();
            case "SeparableConvolution2D":
                return new SeparableConvolution2D.Builder(kernel).depthMultiplier(depthMultiplier).nOut(nOut)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).weightInit(init).build();
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    /** The initialized one-layer network and a random input of nIn channels. */
    private static INDArray[] run(String kind, int nIn, int nOut, int[] kernel, int depthMultiplier,
            IWeightInit init) {
        InputType type = kind.endsWith("3D") ? InputType.convolutional3D(5, 6, 7, nIn)
                : kind.equals("Convolution1DLayer") ? InputType.recurrent(nIn, 9)
                : InputType.convolutional(7, 6, nIn);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).list()
                .layer(layer(kind, nOut, kernel, depthMultiplier, init))
                .setInputType(type)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        long[] inputShape = kind.endsWith("3D") ? new long[] {2, nIn, 5, 6, 7}
                : kind.equals("Convolution1DLayer") ? new long[] {2, nIn, 9} : new long[] {2, nIn, 7, 6};
        INDArray x = Nd4j.rand(DataType.FLOAT, inputShape).subi(0.5);
        return new INDArray[] {x, net.output(x)};
    }

    private static double relativeError(INDArray actual, INDArray expected) {
        return actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).norm2Number().doubleValue()
                / expected.castTo(DataType.DOUBLE).norm2Number().doubleValue();
    }

    private static double norm(INDArray a) {
        return a.castTo(DataType.DOUBLE).norm2Number().doubleValue();
    }

    static Stream<Arguments> identityPreservingKinds() {
        return Stream.of(
                Arguments.of("ConvolutionLayer", new int[] {3, 3}),
                Arguments.of("ConvolutionLayer", new int[] {2, 4}),
                Arguments.of("Convolution1DLayer", new int[] {3}),
                Arguments.of("Convolution1DLayer", new int[] {4}),
                Arguments.of("Convolution3D", new int[] {3, 2, 3}),
                Arguments.of("Deconvolution2D", new int[] {3, 3}),
                Arguments.of("Deconvolution2D", new int[] {2, 2}),
                Arguments.of("Deconvolution3D", new int[] {3, 3, 2}),
                Arguments.of("DepthwiseConvolution2D", new int[] {3, 3}),
                Arguments.of("DepthwiseConvolution2D", new int[] {2, 3}),
                Arguments.of("SeparableConvolution2D", new int[] {3, 3}),
                Arguments.of("SeparableConvolution2D", new int[] {4, 2}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("identityPreservingKinds")
    void diracLayerIsScaleTimesTheIdentity(String kind, int[] kernel) {
        INDArray[] xy = run(kind, 4, 4, kernel, 1, new DiracInit(2.0));

        assertThat(xy[1].shape()).containsExactly(xy[0].shape());
        assertThat(relativeError(xy[1], xy[0].mul(2.0))).isLessThan(TOLERANCE);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("identityPreservingKinds")
    void deltaOrthogonalLayerIsGainTimesAnIsometry(String kind, int[] kernel) {
        INDArray[] xy = run(kind, 4, 4, kernel, 1, new DeltaOrthogonalInit(2.0));

        assertThat(norm(xy[1]) / norm(xy[0])).isCloseTo(2.0, within(2 * TOLERANCE));
    }

    @Test
    void deltaOrthogonalDeconvolutionWithMoreOutputsThanInputsIsAnIsometry() {
        // Deconvolution2D 3 -> 8: DL4J's kernel is [nIn, nOut, kH, kW] = [3, 8, 3, 3], so nOut = 8 >= nIn = 3
        INDArray[] xy = run("Deconvolution2D", 3, 8, new int[] {3, 3}, 1, new DeltaOrthogonalInit());

        assertThat(xy[1].shape()).containsExactly(2, 8, 7, 6);
        assertThat(norm(xy[1]) / norm(xy[0])).isCloseTo(1.0, within(TOLERANCE));
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void deltaOrthogonalConvolution1DWithMoreOutputsThanInputsIsAnIsometry(RNNFormat format) {
        // DL4J passes [nOut, nIn, k, 1] but the layer reads the memory as [k, nIn, nOut]
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).list()
                .layer(new Convolution1DLayer.Builder(3).nOut(5).rnnDataFormat(format)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY)
                        .weightInit(new DeltaOrthogonalInit()).build())
                .setInputType(InputType.recurrent(3, 9, format))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, format == RNNFormat.NCW ? new long[] {2, 3, 9} : new long[] {2, 9, 3})
                .subi(0.5);

        INDArray y = net.output(x);

        assertThat(y.shape()).containsExactly(format == RNNFormat.NCW ? new long[] {2, 5, 9} : new long[] {2, 9, 5});
        assertThat(norm(y) / norm(x)).isCloseTo(1.0, within(TOLERANCE));
    }

    @Test
    void deltaOrthogonalDeconvolutionWithFewerOutputsThanInputsIsRejectedInTheLayersTerms() {
        assertThatThrownBy(() -> run("Deconvolution2D", 8, 3, new int[] {3, 3}, 1, new DeltaOrthogonalInit()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape must have nOut >= nIn for a delta-orthogonal kernel (nOut = 3, nIn = 8), was "
                        + "[8, 3, 3, 3] (DL4J was initializing the FLOAT weight [8, 3, 3, 3] of a Deconvolution2D)");
    }

    @Test
    void diracDepthwiseWithMultiplierPassesEachChannelToItsFirstOutput() {
        // output channel c·m + j reads input channel c: with m = 2, outputs 0, 2, 4 copy inputs 0, 1, 2
        INDArray[] xy = run("DepthwiseConvolution2D", 3, 6, new int[] {3, 3}, 2, new DiracInit());

        for (int c = 0; c < 3; c++) {
            INDArray first = xy[1].get(NDArrayIndex.all(), NDArrayIndex.point(2L * c));
            INDArray second = xy[1].get(NDArrayIndex.all(), NDArrayIndex.point(2L * c + 1));
            assertThat(relativeError(first, xy[0].get(NDArrayIndex.all(), NDArrayIndex.point(c))))
                    .isLessThan(TOLERANCE);
            assertThat(second.amaxNumber().doubleValue()).isEqualTo(0.0);
        }
    }

    @Test
    void deltaOrthogonalDepthwiseWithMultiplierIsAnIsometry() {
        INDArray[] xy = run("DepthwiseConvolution2D", 3, 6, new int[] {3, 3}, 2, new DeltaOrthogonalInit());

        assertThat(norm(xy[1]) / norm(xy[0])).isCloseTo(1.0, within(TOLERANCE));
    }

    @Test
    void deltaOrthogonalSeparableWithMultiplierIsAnIsometry() {
        // depthwise: a unit vector per channel; pointwise [8, 3·2, 1, 1] with orthonormal columns
        INDArray[] xy = run("SeparableConvolution2D", 3, 8, new int[] {3, 3}, 2, new DeltaOrthogonalInit(0.5));

        assertThat(norm(xy[1]) / norm(xy[0])).isCloseTo(0.5, within(TOLERANCE));
    }

    @Test
    void diracSeparableWithMultiplierIsRejected() {
        assertThatThrownBy(() -> run("SeparableConvolution2D", 3, 3, new int[] {3, 3}, 2, new DiracInit()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("depthMultiplier must be 1 for a Dirac SeparableConvolution2D (its pointwise weight "
                        + "cannot tell which copy of a channel to pass on), was 2 (DL4J was initializing the depthwise "
                        + "FLOAT weight [2, 3, 3, 3] of a SeparableConvolution2D)");
    }

    @Test
    void diracOnADenseLayerIsRejectedNamingTheLayerType() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).weightInit(new DiracInit()).build())
                .build();

        assertThatThrownBy(() -> new MultiLayerNetwork(conf).init())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a Dirac kernel needs the kernel of a convolution layer (ConvolutionLayer, "
                        + "Convolution1DLayer, Convolution3D, Deconvolution2D, Deconvolution3D, DepthwiseConvolution2D "
                        + "or SeparableConvolution2D), but DL4J handed it a weight of a DenseLayer (DL4J was "
                        + "initializing the FLOAT weight [4, 4] of a DenseLayer)");
    }
}
