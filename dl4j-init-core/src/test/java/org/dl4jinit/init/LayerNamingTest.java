package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * An initializer that rejects its weight says which layer: the layer type and weight on a plain
 * {@code net.init()} (from the call stack), the index and name of the layer through {@link NetworkInit}.
 */
class LayerNamingTest {

    private static final String NOT_SQUARE = "shape must be square of rank 2 [n, n] for an identity weight, was "
            + "[6, 5] (DL4J was initializing the FLOAT weight [6, 5] of a DenseLayer)";

    /** 4 → 6 → 5 → 3 with an identity initializer on the 6 → 5 layer, whose weight [6, 5] is not square. */
    private static MultiLayerConfiguration mlp() {
        return new NeuralNetConfiguration.Builder().seed(1).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().name("in").nIn(4).nOut(6).build())
                .layer(new DenseLayer.Builder().name("hidden").nIn(6).nOut(5).weightInit(new IdentityInit()).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    @Test
    void plainNetInitNamesTheLayerTypeAndWeight() {
        MultiLayerNetwork net = new MultiLayerNetwork(mlp());

        assertThatThrownBy(net::init).isInstanceOf(IllegalArgumentException.class).hasMessage(NOT_SQUARE);
    }

    @Test
    void networkInitNamesTheLayerIndexAndName() {
        MultiLayerNetwork net = new MultiLayerNetwork(mlp());

        assertThatThrownBy(() -> NetworkInit.init(net)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 1 (\"hidden\"): " + NOT_SQUARE);
    }

    @Test
    void networkInitNamesTheVertexOfAComputationGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("x")
                .addLayer("a", new DenseLayer.Builder().nIn(4).nOut(6).build(), "x")
                .addLayer("b", new DenseLayer.Builder().nIn(6).nOut(5).weightInit(new IdentityInit()).build(), "a")
                .addLayer("out", new OutputLayer.Builder().nIn(5).nOut(3).activation(Activation.SOFTMAX).build(), "b")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);

        assertThatThrownBy(() -> NetworkInit.init(graph)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vertex \"b\": " + NOT_SQUARE);
    }

    @Test
    void theRecurrentWeightOfAnLstmIsNamedByItsLayerType() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new LSTM.Builder().name("lstm").nIn(3).nOut(4).weightInitRecurrent(new IdentityInit()).build())
                .layer(new RnnOutputLayer.Builder().nIn(4).nOut(2).activation(Activation.SOFTMAX).build())
                .build();

        assertThatThrownBy(() -> NetworkInit.init(new MultiLayerNetwork(conf)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 0 (\"lstm\"): shape must be square of rank 2 [n, n] for an identity weight, was "
                        + "[4, 16] (DL4J was initializing the FLOAT weight [4, 16] of a LSTM)");
    }

    @Test
    void networkInitOfAGoodConfigurationIsNetInit() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).weightInit(new IdentityInit(0.5)).build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork viaHelper = NetworkInit.init(new MultiLayerNetwork(conf));
        MultiLayerNetwork plain = new MultiLayerNetwork(conf.clone());
        plain.init();

        assertThat(viaHelper.params()).isEqualTo(plain.params());
    }

    @Test
    void theRuleIsKeptAsTheCauseOfTheExplainedError() {
        IllegalArgumentException explained = catchFailure(new MultiLayerNetwork(mlp()));

        assertThat(explained.getCause())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape must be square of rank 2 [n, n] for an identity weight, was [6, 5]");
    }

    private static IllegalArgumentException catchFailure(MultiLayerNetwork net) {
        try {
            net.init();
        } catch (IllegalArgumentException e) {
            return e;
        }
        throw new AssertionError("init must fail");
    }
}
