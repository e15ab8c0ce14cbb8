package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** {@code .weightInit(new HeInit())} in a real network, at builder and at layer level. */
class HeInitNetworkTest {

    private static final double TARGET = 2.0 / 1000;

    private static double weightVariance(MultiLayerNetwork net) {
        INDArray w = net.getLayer(0).getParam("W").castTo(DataType.DOUBLE);
        assertThat(w.shape()).containsExactly(1000, 500);
        return w.varNumber().doubleValue();
    }

    @Test
    void builderLevelHeInitGivesVarianceTwoOverFanInWithinTwoPercent() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42)
                .weightInit(new HeInit())
                .list()
                .layer(new DenseLayer.Builder().nIn(1000).nOut(500).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(500).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        assertThat(weightVariance(net)).isCloseTo(TARGET, within(0.02 * TARGET));
        assertThat(net.getLayer(0).getParam("W").meanNumber().doubleValue()).isCloseTo(0, within(1e-3));
        // the output layer is He too: 2/500
        double outVar = net.getLayer(1).getParam("W").castTo(DataType.DOUBLE).varNumber().doubleValue();
        assertThat(outVar).isCloseTo(2.0 / 500, within(0.15 * 2.0 / 500));
    }

    @Test
    void layerLevelHeInitOverridesTheBuilderDefault() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(43)
                .weightInit(new ConstantInit(0.5))
                .list()
                .layer(new DenseLayer.Builder().nIn(1000).nOut(500).activation(Activation.RELU)
                        .weightInit(new HeInit()).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(500).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        assertThat(weightVariance(net)).isCloseTo(TARGET, within(0.02 * TARGET));
        assertThat(net.getLayer(1).getParam("W").minNumber().doubleValue()).isEqualTo(0.5);
    }
}
