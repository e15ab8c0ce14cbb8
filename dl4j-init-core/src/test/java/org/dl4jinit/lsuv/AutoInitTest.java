package org.dl4jinit.lsuv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.dl4jinit.init.ActivationGain;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.LeCunInit;
import org.dl4jinit.init.XavierInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class AutoInitTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(Activation.RELU.getActivationFunction(), new HeInit()),
                Arguments.of(Activation.RELU6.getActivationFunction(), new HeInit()),
                Arguments.of(new ActivationLReLU(0.2), new HeInit(0.2)),
                Arguments.of(Activation.ELU.getActivationFunction(), new HeInit()),
                Arguments.of(Activation.SELU.getActivationFunction(), LeCunInit.normal()),
                Arguments.of(Activation.TANH.getActivationFunction(), XavierInit.normal(ActivationGain.TANH)),
                Arguments.of(Activation.SIGMOID.getActivationFunction(), XavierInit.normal()),
                Arguments.of(Activation.SOFTSIGN.getActivationFunction(), XavierInit.normal()),
                Arguments.of(Activation.IDENTITY.getActivationFunction(), XavierInit.normal()),
                Arguments.of(Activation.SOFTMAX.getActivationFunction(), XavierInit.normal()));
    }

    @ParameterizedTest
    @MethodSource("table")
    void picksTheDocumentedInitializer(IActivation activation, IWeightInit expected) {
        assertThat(AutoInit.forActivation(activation)).isEqualTo(expected);
    }

    @Test
    void leakyReluSlopeIsCarriedToHe() {
        HeInit he = (HeInit) AutoInit.forActivation(Activation.LEAKYRELU.getActivationFunction());
        assertThat(he.getNegativeSlope()).isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void appliesToABuiltConfigurationWithoutChangingIt() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).weightInit(new WeightInitXavier())
                .activation(Activation.TANH).list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(8).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(8).nOut(8).build())
                .layer(new DenseLayer.Builder().nIn(8).nOut(8).activation(Activation.SELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        String before = conf.toJson();

        MultiLayerConfiguration auto = AutoInit.apply(conf);

        assertThat(conf.toJson()).isEqualTo(before);
        assertThat(init(auto, 0)).isEqualTo(new HeInit());
        assertThat(init(auto, 1)).isEqualTo(XavierInit.normal(ActivationGain.TANH)); // inherited tanh
        assertThat(init(auto, 2)).isEqualTo(LeCunInit.normal());
        assertThat(init(auto, 3)).isEqualTo(XavierInit.normal());
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(auto.toJson()));
        net.init();
        assertThat(init(net.getLayerWiseConfigurations(), 2)).isEqualTo(LeCunInit.normal());
    }

    @Test
    void appliesWhileBuildingAndRejectsALayerWithoutActivation() {
        DenseLayer layer = AutoInit.layer(new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.RELU).build());
        assertThat(layer.getWeightInitFn()).isEqualTo(new HeInit());
        assertThatThrownBy(() -> AutoInit.layer(new DenseLayer.Builder().nIn(4).nOut(4).name("d").build()))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer d has no activation set on the layer; set .activation(...) on its builder, or "
                        + "apply AutoInit to the built configuration");
        assertThatThrownBy(() -> AutoInit.forActivation(null)).hasMessage("activation must not be null");
    }

    private static IWeightInit init(MultiLayerConfiguration conf, int i) {
        return ((BaseLayer) conf.getConf(i).getLayer()).getWeightInitFn();
    }
}
