package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.dl4jinit.init.StructuralInitAssertions.jsonRoundTrip;
import static org.dl4jinit.init.StructuralInitAssertions.paramView;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DiracInitTest {

    @ParameterizedTest
    @ValueSource(chars = {'c', 'f'})
    void kernelHoldsTheScaleAtTheCenterOfEachMatchingChannelPair(char order) {
        long[] shape = {4, 3, 3, 3};
        INDArray view = Nd4j.valueArrayOf(new long[] {1, 4 * 3 * 9}, 8.0f);

        INDArray w = new DiracInit(2.0).init(27, 36, shape, order, view);

        INDArray expected = Nd4j.create(DataType.FLOAT, shape);
        for (int c = 0; c < 3; c++) {
            expected.putScalar(new long[] {c, c, 1, 1}, 2.0);
        }
        assertThat(w).isEqualTo(expected);
        assertThat(view.sumNumber().doubleValue()).isEqualTo(6.0);
    }

    @Test
    void rank3KernelWithMoreInputsThanOutputsPassesTheFirstChannelsAtTapKMinusOneOverTwo() {
        long[] shape = {2, 5, 4};
        INDArray w = new DiracInit().init(20, 8, shape, 'c', paramView(DataType.DOUBLE, shape));

        // even k = 4: the tap (4 - 1) / 2 = 1, which DL4J's Same mode aligns with the output
        INDArray expected = Nd4j.create(DataType.DOUBLE, shape);
        expected.putScalar(new long[] {0, 0, 1}, 1.0);
        expected.putScalar(new long[] {1, 1, 1}, 1.0);
        assertThat(w).isEqualTo(expected);
    }

    @Test
    void sameModeConvolutionReproducesItsInputChannels() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).weightInit(new DiracInit()).build())
                .setInputType(InputType.convolutional(6, 5, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 6, 5);

        INDArray output = net.feedForward(input, false).get(1);

        assertThat(output.shape()).containsExactly(2, 3, 6, 5);
        assertThat(output.sub(input).amaxNumber().doubleValue()).isCloseTo(0.0, within(1e-6));
        assertThat(net.getParam("0_W").get(NDArrayIndex.point(1), NDArrayIndex.point(1),
                NDArrayIndex.point(1), NDArrayIndex.point(1)).getDouble(0)).isEqualTo(1.0);
    }

    @Test
    void rejectsADenseShape() {
        long[] shape = {3, 4};
        assertThatThrownBy(() -> new DiracInit().init(3, 4, shape, 'f', paramView(DataType.FLOAT, shape)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape must be of rank 3 [nOut, nIn, k], 4 [nOut, nIn, kH, kW] or 5 [nOut, nIn, kD, kH, "
                        + "kW] for a Dirac kernel, was [3, 4]");
    }

    @Test
    void rejectsARank6Shape() {
        long[] shape = {2, 2, 3, 3, 3, 3};
        assertThatThrownBy(() -> new DiracInit().init(162, 162, shape, 'c', paramView(DataType.FLOAT, shape)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape must be of rank 3 [nOut, nIn, k], 4 [nOut, nIn, kH, kW] or 5 [nOut, nIn, kD, kH, "
                        + "kW] for a Dirac kernel, was [2, 2, 3, 3, 3, 3]");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.5, 0.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsAScaleThatIsNotFiniteAndPositive(double scale) {
        assertThatThrownBy(() -> new DiracInit(scale))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scale must be finite and > 0, was " + scale);
    }

    @Test
    void roundTripsThroughDl4jJsonAndIsEqualOverScale() {
        assertThat(jsonRoundTrip(new DiracInit(0.5))).isEqualTo(new DiracInit(0.5));
        assertThat(new DiracInit()).isEqualTo(new DiracInit(1.0))
                .hasSameHashCodeAs(new DiracInit(1.0))
                .isNotEqualTo(new DiracInit(2.0))
                .hasToString("DiracInit(scale=1.0)");
    }
}
