package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.init.HeInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The layers of a configuration are those the listener will report for a network built from it. */
class ConfigurationLayersTest {

    private static void sameLayers(List<LayerInfo> fromConf, List<LayerInfo> fromModel) {
        assertThat(fromConf).hasSameSizeAs(fromModel);
        for (int i = 0; i < fromConf.size(); i++) {
            LayerInfo c = fromConf.get(i);
            LayerInfo m = fromModel.get(i);
            assertThat(c.index()).isEqualTo(m.index());
            assertThat(c.name()).isEqualTo(m.name());
            assertThat(c.type()).isEqualTo(m.type());
            assertThat(c.activation()).isEqualTo(m.activation());
            assertThat(c.family()).isEqualTo(m.family());
            assertThat(c.hasWeights()).isEqualTo(m.hasWeights());
            assertThat(c.output()).isEqualTo(m.output());
            assertThat(c.describe()).isEqualTo(m.describe());
            assertThat(c.valueRules()).as("value rules of %s", c.describe()).isEqualTo(m.valueRules());
        }
    }

    private static void sameGraph(ModelLayout fromConf, ModelLayout fromModel) {
        sameLayers(fromConf.layers(), fromModel.layers());
        assertThat(fromConf.inputCount()).isEqualTo(fromModel.inputCount());
        for (int k = 0; k < fromConf.inputCount(); k++) {
            assertThat(fromConf.inputReaders(k)).isEqualTo(fromModel.inputReaders(k));
        }
        for (LayerInfo l : fromConf.layers()) {
            LayerInfo m = fromModel.layers().get(l.index());
            assertThat(fromConf.producers(l)).as("producers of %s", l.describe()).isEqualTo(fromModel.producers(m));
            assertThat(fromConf.consumers(l)).as("consumers of %s", l.describe()).isEqualTo(fromModel.consumers(m));
            assertThat(fromConf.sources(l)).as("sources of %s", l.describe()).isEqualTo(fromModel.sources(m));
        }
    }

    /**
     * Issue 12's rules decided from a configuration as from the built graph: layers without weights or an
     * activation of their own not judged, a rectifier's zeros kept through a tanh activation layer, and each layer's
     * scale reference from the inputs it derives from.
     */
    @Test
    void graphRulesAndInputSourcesMatchTheBuiltGraphs() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().weightInit(new HeInit())
                .graphBuilder().addInputs("image", "extra")
                .setInputTypes(InputType.convolutional(12, 12, 1), InputType.feedForward(5))
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nIn(1).nOut(4).activation(Activation.RELU)
                        .build(), "image")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build(), "a")
                .addLayer("pad", new ZeroPaddingLayer.Builder(1, 1).build(), "pool")
                .addLayer("tanh", new ActivationLayer.Builder().activation(Activation.TANH).build(), "pad")
                .addLayer("dense", new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build(), "tanh")
                .addLayer("side", new DenseLayer.Builder().nIn(5).nOut(8).activation(Activation.RELU).build(),
                        "extra")
                .addVertex("merge", new MergeVertex(), "dense", "side")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();

        ModelLayout fromConf = ConfigurationLayout.of(conf).layout();
        sameGraph(fromConf, ModelLayout.of(graph));
        List<LayerInfo> layers = fromConf.layers();
        assertThat(layers.stream().filter(l -> l.valueRules() == ValueRules.NOT_JUDGED).map(LayerInfo::name))
                .containsExactlyInAnyOrder("pool", "pad", "merge");
        assertThat(layers.stream().filter(l -> l.valueRules() == ValueRules.RECTIFIED).map(LayerInfo::name))
                .containsExactly("tanh");
        assertThat(fromConf.sources(layers.stream().filter(l -> l.name().equals("merge")).findFirst().get()))
                .containsExactly(0, 1);
    }

    @Test
    void multiLayerConfigurationLayersMatchTheNetworksLayout() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().weightInit(new HeInit()).list()
                .layer(new DenseLayer.Builder().nIn(10).nOut(8).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().nOut(8).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        sameLayers(ConfigurationLayout.of(conf).layers(), ModelLayout.of(net).layers());
    }

    @Test
    void aNamedLayerKeepsItsNameBeforeTheNetworkExists() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().weightInit(new HeInit()).list()
                .layer(new DenseLayer.Builder().name("hidden").nIn(10).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        assertThat(ConfigurationLayout.of(conf).layers().get(0).name()).isEqualTo("hidden");
        sameLayers(ConfigurationLayout.of(conf).layers(), ModelLayout.of(net).layers());
    }

    @Test
    void zeroWeightsReadByZeroWeightsAreSymmetricAsTheListenerJudges() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().weightInit(new org.dl4jinit.init.ZeroInit())
                .list()
                .layer(new DenseLayer.Builder().nIn(10).nOut(8).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(8).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        double[] s = ConfigurationLayout.of(conf).symmetricUnits(new double[] {0, 0, 0});

        assertThat(s).containsExactly(1, 1, 0);
        assertThat(ConfigurationLayout.of(conf).symmetricUnits(new double[] {0, Double.NaN, 0}))
                .containsExactly(0, 0, 0);
    }

    @Test
    void graphConfigurationLayersMatchTheGraphsTopologicalOrder() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().weightInit(new HeInit())
                .graphBuilder().addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(10).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(10).nOut(8).activation(Activation.RELU).build(), "in")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "sum")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();

        sameGraph(ConfigurationLayout.of(conf).layout(), ModelLayout.of(graph));
    }
}
