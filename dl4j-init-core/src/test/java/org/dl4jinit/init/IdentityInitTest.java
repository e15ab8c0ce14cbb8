package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dl4jinit.init.StructuralInitAssertions.jsonRoundTrip;
import static org.dl4jinit.init.StructuralInitAssertions.paramView;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class IdentityInitTest {

    @ParameterizedTest
    @ValueSource(chars = {'c', 'f'})
    void squareWeightBecomesExactlyTheScaledIdentity(char order) {
        long[] shape = {5, 5};
        INDArray view = Nd4j.valueArrayOf(new long[] {1, 25}, 3.0f);

        INDArray w = new IdentityInit(0.5).init(5, 5, shape, order, view);

        assertThat(w).isEqualTo(Nd4j.eye(5).castTo(DataType.FLOAT).muli(0.5));
        assertThat(view.sumNumber().doubleValue()).isEqualTo(2.5);
        assertThat(view.getDouble(6)).isEqualTo(0.5);
    }

    @Test
    void simpleRnnRecurrentWeightIsTheIdentity() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new SimpleRnn.Builder().nIn(3).nOut(6).activation(Activation.RELU)
                        .weightInitRecurrent(new IdentityInit()).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        assertThat(net.getParam("0_RW")).isEqualTo(Nd4j.eye(6).castTo(DataType.FLOAT));
    }

    @Test
    void rejectsANonSquareMatrix() {
        long[] shape = {3, 4};
        assertThatThrownBy(() -> new IdentityInit().init(3, 4, shape, 'f', paramView(DataType.FLOAT, shape)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape must be square of rank 2 [n, n] for an identity weight, was [3, 4]");
    }

    @Test
    void rejectsAConvKernel() {
        long[] shape = {3, 3, 3, 3};
        assertThatThrownBy(() -> new IdentityInit().init(27, 27, shape, 'c', paramView(DataType.FLOAT, shape)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape must be square of rank 2 [n, n] for an identity weight, was [3, 3, 3, 3]");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsAScaleThatIsNotFiniteAndPositive(double scale) {
        assertThatThrownBy(() -> new IdentityInit(scale))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scale must be finite and > 0, was " + scale);
    }

    @Test
    void roundTripsThroughDl4jJsonAndIsEqualOverScale() {
        assertThat(jsonRoundTrip(new IdentityInit(0.01))).isEqualTo(new IdentityInit(0.01));
        assertThat(new IdentityInit()).isEqualTo(new IdentityInit(1.0))
                .hasSameHashCodeAs(new IdentityInit(1.0))
                .isNotEqualTo(new IdentityInit(0.5))
                .isNotEqualTo(new DiracInit(1.0))
                .hasToString("IdentityInit(scale=1.0)");
    }
}
