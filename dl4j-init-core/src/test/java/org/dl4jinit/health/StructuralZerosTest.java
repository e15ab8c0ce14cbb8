package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.init.HeInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Zeros that a layer without weights puts into its output by design (padding), passes on from a rectifier
 * (upsampling, pooling, merging, cropping, subsets, sums) or adds on purpose (dropout) are not dead units: such a
 * layer is not judged on its values, and a healthy ReLU network with them trains under THROW without a finding
 * on them. The rectifiers that produce the zeros are still judged, and a dead one is still found where it is.
 */
class StructuralZerosTest {

    private static final int ITERATIONS = 12;
    private static final int SIDE = 12;

    /** Stops fit() at the first FAILING iteration, so a false finding cannot go unnoticed. */
    private static GradientHealthListener throwing() {
        return new GradientHealthListener(HealthConfig.builder().onWarning()
                .onFailing(HealthPolicy.THROW).historySize(ITERATIONS).build());
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(21).updater(new Adam(1e-3)).weightInit(new HeInit());
    }

    /** Images [n, 1, 12, 12] of N(0,1) pixels with ten one-hot classes. */
    private static DataSet images(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, 1, SIDE, SIDE);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, Nets.CLASSES);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % Nets.CLASSES, 1.0);
        }
        return new DataSet(x, y);
    }

    private static List<HealthReport> train(Model model, DataSet data) {
        GradientHealthListener listener = throwing();
        model.setListeners(listener);
        for (int i = 0; i < ITERATIONS; i++) {
            ((NeuralNetwork) model).fit(data);
        }
        System.out.println(listener.lastReport().toTable());
        return listener.history();
    }

    /** The last report of three iterations under a listener that neither logs nor throws. */
    private static HealthReport quietly(MultiLayerNetwork net, DataSet data) {
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing()
                .build());
        net.setListeners(listener);
        for (int i = 0; i < 3; i++) {
            net.fit(data);
        }
        return listener.lastReport();
    }

    /** In every report the named layers have no finding at all; in the last one their figures are measured. */
    private static void assertNotJudged(List<HealthReport> history, String... layers) {
        assertThat(history).hasSize(ITERATIONS);
        for (HealthReport r : history) {
            for (String name : layers) {
                LayerHealth l = r.layer(name);
                assertThat(l.violations()).as("iteration %d, %s", r.iteration(), l.layer().describe()).isEmpty();
            }
        }
        for (String name : layers) {
            assertThat(history.get(ITERATIONS - 1).layer(name).get(Figure.ZERO_FRACTION))
                    .as("%s is still measured", name).isBetween(0.0, 1.0);
        }
    }

    private static ConvolutionLayer reluConv(int nIn, int nOut, double bias) {
        return new ConvolutionLayer.Builder(3, 3).nIn(nIn).nOut(nOut).activation(Activation.RELU).biasInit(bias)
                .build();
    }

    private static OutputLayer output(int nIn) {
        return new OutputLayer.Builder(LossFunction.MCXENT).nIn(nIn).nOut(Nets.CLASSES).activation(Activation.SOFTMAX)
                .build();
    }

    @Test
    void zeroPaddingAfterAHealthyReluConvIsNotJudgedInAMultiLayerNetwork() {
        // 10×10 ReLU maps padded by 7 on every side: 100 of 576 positions carry values, about 91% are zeros
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(reluConv(1, 8, 0))
                .layer(new ZeroPaddingLayer.Builder(7, 7).build())
                .layer(reluConv(8, 8, 0))
                .layer(output(8 * 22 * 22))
                .setInputType(InputType.convolutional(SIDE, SIDE, 1)).build());
        net.init();

        List<HealthReport> history = train(net, images(32, 1));

        assertNotJudged(history, "1");
        HealthReport last = history.get(ITERATIONS - 1);
        assertThat(last.layer("1").get(Figure.ZERO_FRACTION)).isGreaterThan(0.9);
        assertThat(last.layer("1").layer().type()).isEqualTo("ZeroPaddingLayer");
        assertThat(last.violations()).isEmpty();
    }

    @Test
    void zeroPaddingAfterAHealthyReluConvIsNotJudgedInAComputationGraph() {
        ComputationGraph graph = new ComputationGraph(base().graphBuilder().addInputs("image")
                .setInputTypes(InputType.convolutional(SIDE, SIDE, 1))
                .addLayer("conv", reluConv(1, 8, 0), "image")
                .addLayer("pad", new ZeroPaddingLayer.Builder(7, 7).build(), "conv")
                .addLayer("conv2", reluConv(8, 8, 0), "pad")
                .addLayer("out", output(8 * 22 * 22), "conv2")
                .setOutputs("out").build());
        graph.init();

        List<HealthReport> history = train(graph, images(32, 2));

        assertNotJudged(history, "pad");
        assertThat(history.get(ITERATIONS - 1).layer("pad").get(Figure.ZERO_FRACTION)).isGreaterThan(0.9);
        assertThat(history.get(ITERATIONS - 1).violations()).isEmpty();
    }

    @Test
    void upsamplingASparseButHealthyReluConvIsNotJudged() {
        // a bias of −0.7 keeps about 70% of the ReLU's values at zero: healthy for a rectifier (its band warns
        // above 90%), and more zeros than a layer without a rectifier is allowed (50%)
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(reluConv(1, 8, -0.7))
                .layer(new Upsampling2D.Builder(2).build())
                .layer(reluConv(8, 4, 0))
                .layer(output(4 * 18 * 18))
                .setInputType(InputType.convolutional(SIDE, SIDE, 1)).build());
        net.init();

        List<HealthReport> history = train(net, images(32, 3));

        assertNotJudged(history, "1");
        HealthReport last = history.get(ITERATIONS - 1);
        assertThat(last.layer("0").get(Figure.ZERO_FRACTION)).isBetween(0.55, 0.9);
        assertThat(last.layer("1").get(Figure.ZERO_FRACTION)).isEqualTo(last.layer("0").get(Figure.ZERO_FRACTION));
        assertThat(last.violations()).isEmpty();
    }

    @Test
    void mergeOfTwoSparseButHealthyReluBranchesIsNotJudged() {
        ComputationGraph graph = new ComputationGraph(base().graphBuilder().addInputs("in")
                .addLayer("left", new DenseLayer.Builder().nIn(Nets.INPUTS).nOut(32).activation(Activation.RELU)
                        .biasInit(-0.7).build(), "in")
                .addLayer("right", new DenseLayer.Builder().nIn(Nets.INPUTS).nOut(32).activation(Activation.RELU)
                        .biasInit(-0.7).build(), "in")
                .addVertex("merge", new MergeVertex(), "left", "right")
                .addLayer("out", output(64), "merge")
                .setOutputs("out").build());
        graph.init();

        List<HealthReport> history = train(graph, Nets.data(32, 4));

        assertNotJudged(history, "merge");
        assertThat(history.get(ITERATIONS - 1).layer("merge").get(Figure.ZERO_FRACTION)).isBetween(0.55, 0.9);
        assertThat(history.get(ITERATIONS - 1).violations()).isEmpty();
    }

    @Test
    void noLayerOrVertexWithoutWeightsIsJudgedOnTheZerosOfTheRectifiersBeforeIt() {
        ComputationGraph graph = new ComputationGraph(base().graphBuilder().addInputs("image")
                .setInputTypes(InputType.convolutional(SIDE, SIDE, 1))
                .addLayer("a", reluConv(1, 8, -0.7), "image")
                .addLayer("b", reluConv(1, 8, -0.7), "image")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(1, 1)
                        .build(), "a")
                .addLayer("crop", new Cropping2D(1, 1, 1, 1), "b")
                .addLayer("dropout", new DropoutLayer.Builder(0.5).build(), "crop")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Product), "pool", "dropout")
                .addLayer("identity", new ActivationLayer.Builder().activation(Activation.IDENTITY).build(),
                        "sum")
                .addLayer("global", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "identity")
                .addVertex("subset", new SubsetVertex(0, 3), "global")
                .addLayer("out", output(4), "subset")
                .setOutputs("out").build());
        graph.init();

        List<HealthReport> history = train(graph, images(32, 5));

        assertNotJudged(history, "pool", "crop", "dropout", "sum", "subset", "identity", "global");
        // a product of two sparse ReLU maps, with dropout on one: mostly zeros by construction
        assertThat(history.get(ITERATIONS - 1).layer("sum").get(Figure.ZERO_FRACTION)).isGreaterThan(0.8);
    }

    @Test
    void aDeadReluConvBeforeThePaddingIsStillFoundAtTheConv() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(reluConv(1, 8, -10))
                .layer(new ZeroPaddingLayer.Builder(7, 7).build())
                .layer(reluConv(8, 8, 0))
                .layer(output(8 * 22 * 22))
                .setInputType(InputType.convolutional(SIDE, SIDE, 1)).build());
        net.init();
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing()
                .build());
        net.setListeners(listener);

        for (int i = 0; i < 3; i++) {
            net.fit(images(32, 6));
        }

        HealthReport r = listener.lastReport();
        assertThat(r.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(r.layer("0").violations()).anyMatch(v -> v.condition() == HealthCondition.DEAD_UNITS
                && v.verdict() == Verdict.FAILING);
        assertThat(r.layer("1").violations()).isEmpty();
    }

    @Test
    void anActivationLayerAfterALinearLayerIsJudgedOnItsOwnActivation() {
        // ReLU as its own layer: the dense layer before it is linear, the activation layer's zeros are its own
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new DenseLayer.Builder().nIn(Nets.INPUTS).nOut(32).activation(Activation.IDENTITY)
                        .biasInit(-10).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(output(32))
                .build());
        net.init();

        assertThat(quietly(net, Nets.data(32, 7)).layer("1").violations()).anyMatch(v -> v.condition()
                == HealthCondition.DEAD_UNITS && v.verdict() == Verdict.FAILING);
    }

    @Test
    void aTanhActivationLayerAppliedToAReluKeepsTheRectifiersZerosUnjudged() {
        // tanh(relu(z)): the zeros are the ReLU's (about 70% with this bias), its saturation is tanh's own
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new DenseLayer.Builder().nIn(Nets.INPUTS).nOut(32).activation(Activation.RELU).biasInit(-0.7)
                        .build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(output(32))
                .build());
        net.init();

        List<HealthReport> history = train(net, Nets.data(32, 9));

        assertNotJudged(history, "1");
        assertThat(history.get(ITERATIONS - 1).layer("1").get(Figure.ZERO_FRACTION)).isBetween(0.55, 0.9);
        assertThat(ModelLayout.of(net).layers().get(1).valueRules()).isEqualTo(ValueRules.RECTIFIED);
    }

    @Test
    void aFrozenReluLayerIsStillJudgedOnItsValues() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new FrozenLayer(new DenseLayer.Builder().nIn(Nets.INPUTS).nOut(32).activation(Activation.RELU)
                        .biasInit(-10).build()))
                .layer(output(32))
                .build());
        net.init();

        assertThat(quietly(net, Nets.data(32, 8)).layer("0").violations()).anyMatch(v -> v.condition()
                == HealthCondition.DEAD_UNITS);
    }
}
