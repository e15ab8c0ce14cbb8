package org.dl4jinit.lsuv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.init.XavierInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Must-show 3 (bad inputs), reproducibility, graphs and builder validation. */
class LsuvInputsTest {

    private static final DataSet DATA = LsuvNets.data(64, 9);

    private static MultiLayerNetwork net() {
        return LsuvNets.mlp(4, 32, Activation.RELU, new XavierInit(), 1);
    }

    @Test
    void emptyIteratorIsRejected() {
        MultiLayerNetwork net = net();
        assertThatThrownBy(() -> Lsuv.defaults().apply(net, new ExistingDataSetIterator(Collections.emptyList())))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("the iterator is empty: LSUV needs at least one batch of data");
    }

    @Test
    void nanInDataIsRejectedBeforeAnyWeightIsTouched() {
        MultiLayerNetwork net = net();
        INDArray before = net.params().dup();
        INDArray x = DATA.getFeatures().dup();
        x.putScalar(3, 5, Double.NaN);
        assertThatThrownBy(() -> Lsuv.defaults().apply(net, new DataSet(x, DATA.getLabels())))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("the features contain NaN; LSUV needs finite data (clean or impute the data before "
                        + "initializing)");
        x.putScalar(3, 5, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> Lsuv.defaults().apply(net, new DataSet(x, DATA.getLabels())))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("the features contain infinite values; LSUV needs finite data");
        assertThat(net.params()).isEqualTo(before);
    }

    @Test
    void nullBatchAndOtherModelsAreRejected() {
        MultiLayerNetwork net = net();
        assertThatThrownBy(() -> Lsuv.defaults().apply(net, (DataSet) null))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("batch must have features, was null");
        assertThatThrownBy(() -> Lsuv.defaults().apply(net.getLayer(0), DATA))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("LSUV supports MultiLayerNetwork and ComputationGraph, was "
                        + "org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer");
    }

    @Test
    void batchOfOneUsesTheVarianceOverUnitsAndKeepsWeightsFinite() {
        MultiLayerNetwork net = net();
        LsuvReport report = Lsuv.defaults().apply(net, DATA.get(0));
        System.out.println(report.toTable());
        assertThat(report.examples()).isEqualTo(1);
        assertThat(report.processed()).hasSize(5);
        assertThat(LsuvNets.allFinite(net)).isTrue();
    }

    @Test
    void deadLayerIsSkippedWithReasonAndNoWeightBecomesNonFinite() {
        MultiLayerNetwork net = net();
        net.getLayer(2).getParam("W").assign(0);
        LsuvReport report = Lsuv.builder().preInit(null).build().apply(net, DATA);
        System.out.println(report.toTable());

        LayerResult dead = report.layers().get(2);
        assertThat(dead.status()).isEqualTo(LayerResult.Status.SKIPPED);
        assertThat(dead.reason()).startsWith("dead layer: the output variance is 0.0");
        // the ReLU layers after it see a zero input: dead too
        assertThat(report.layers().get(3).status()).isEqualTo(LayerResult.Status.SKIPPED);
        assertThat(report.layers().get(0).status()).isEqualTo(LayerResult.Status.CONVERGED);
        assertThat(net.getLayer(2).getParam("W").sumNumber().doubleValue()).isZero();
        assertThat(LsuvNets.allFinite(net)).isTrue();
    }

    @Test
    void twoIdenticalNetworksGetIdenticalWeights() {
        MultiLayerNetwork a = net();
        MultiLayerNetwork b = net();
        Lsuv.defaults().apply(a, DATA);
        LsuvNets.data(8, 123); // moves ND4J's global RNG in between
        Lsuv.defaults().apply(b, DATA);
        assertThat(a.params()).isEqualTo(b.params());
    }

    @Test
    void computationGraphWithMergeIsProcessedInTopologicalOrder() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3)
                .weightInit(new XavierInit()).graphBuilder().addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(784).nOut(32).activation(Activation.TANH).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(32).nOut(32).activation(Activation.RELU).build(), "a")
                .addLayer("c", new DenseLayer.Builder().nIn(32).nOut(16).activation(Activation.RELU).build(), "a")
                .addVertex("m", new MergeVertex(), "b", "c")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(48).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "m")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();

        LsuvReport report = Lsuv.defaults().apply(graph, DATA);
        System.out.println(report.toTable());

        assertThat(report.processed()).extracting(LayerResult::name).containsExactlyInAnyOrder("a", "b", "c", "out");
        assertThat(report.layer("a").index()).isLessThan(report.layer("b").index());
        assertThat(report.layer("m").status()).isEqualTo(LayerResult.Status.SKIPPED);
        assertThat(report.converged()).isTrue();
        assertThat(report.processed()).allSatisfy(r -> assertThat(Math.abs(r.finalVariance() - 1)).isLessThan(0.1));
    }

    @Test
    void builderRejectsBadSettings() {
        assertThatThrownBy(() -> Lsuv.builder().tolerance(0)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("tolerance must be in (0, 1), was 0.0");
        assertThatThrownBy(() -> Lsuv.builder().tolerance(Double.NaN))
                .hasMessage("tolerance must be in (0, 1), was NaN");
        assertThatThrownBy(() -> Lsuv.builder().tolerance(1)).hasMessage("tolerance must be in (0, 1), was 1.0");
        assertThatThrownBy(() -> Lsuv.builder().maxIterations(0)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIterations must be >= 1, was 0");
        assertThat(Lsuv.builder().tolerance(0.05).maxIterations(3).build())
                .isEqualTo(Lsuv.builder().tolerance(0.05).maxIterations(3).build())
                .isNotEqualTo(Lsuv.defaults());
    }

    @Test
    void maxIterationsBoundsTheRescalingsAndReportsApplied() {
        MultiLayerNetwork net = net();
        // a large bias dominates the output: rescaling W cannot bring Var(z) to 1 in one step
        net.getLayer(0).getParam("b").assign(Nd4jHelper.alternating(32, 3.0));
        LsuvReport report = Lsuv.builder().maxIterations(1).build().apply(net, DATA);
        System.out.println(report.toTable());
        assertThat(report.layers().get(0).iterations()).isEqualTo(1);
        assertThat(report.layers().get(0).status()).isEqualTo(LayerResult.Status.APPLIED);
        assertThat(report.converged()).isFalse();
        assertThat(LsuvNets.allFinite(net)).isTrue();
    }

    /** Small array helpers. */
    static final class Nd4jHelper {
        static INDArray alternating(int n, double v) {
            INDArray a = org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, n);
            for (int i = 0; i < n; i++) {
                a.putScalar(0, i, i % 2 == 0 ? v : -v);
            }
            return a;
        }
    }
}
