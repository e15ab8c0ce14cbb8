package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.SmallRandomInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A layer's activation scale is compared with the scale of the network inputs it derives from, following the
 * graph: in a two-input graph whose inputs differ in scale by 1000×, each branch is judged against its own input,
 * and a layer fed by both against their pooled std.
 */
class ScaleReferenceTest {

    private static final int A = 30;
    private static final int B = 10;
    private static final int CLASSES = 4;

    /** Inputs "a" (N(0,1)·1000, 30 features) and "b" (N(0,1), 10 features), labels from both. */
    private static MultiDataSet data(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray a = Nd4j.randn(DataType.FLOAT, n, A).muli(1000);
        INDArray b = Nd4j.randn(DataType.FLOAT, n, B);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (a.getDouble(i, 0) > 0 ? 1 : 0) + (b.getDouble(i, 0) > 0 ? 2 : 0), 1.0);
        }
        return new MultiDataSet(new INDArray[] {a, b}, new INDArray[] {y});
    }

    /** a → "da"; b → "db" → "db2"; merge(da, db2) → "top" → out. */
    private static ComputationGraph graph(IWeightInit bInit) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(31).updater(new Adam(1e-4))
                .weightInit(new HeInit()).graphBuilder().addInputs("a", "b")
                .addLayer("da", new DenseLayer.Builder().nIn(A).nOut(16).activation(Activation.RELU).build(), "a")
                .addLayer("db", new DenseLayer.Builder().nIn(B).nOut(16).activation(Activation.TANH)
                        .weightInit(bInit).build(), "b")
                .addLayer("db2", new DenseLayer.Builder().nIn(16).nOut(16).activation(Activation.TANH)
                        .weightInit(bInit).build(), "db")
                .addVertex("merge", new MergeVertex(), "da", "db2")
                .addLayer("top", new DenseLayer.Builder().nIn(32).nOut(16).activation(Activation.RELU).build(),
                        "merge")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "top")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static List<HealthReport> train(ComputationGraph graph, MultiDataSet data, int iterations) {
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing()
                .historySize(iterations).build());
        graph.setListeners(listener);
        for (int i = 0; i < iterations; i++) {
            graph.fit(data);
        }
        System.out.println(listener.lastReport().toTable());
        return listener.history();
    }

    private static double std(INDArray x) {
        return x.castTo(DataType.DOUBLE).stdNumber(false).doubleValue();
    }

    @Test
    void eachBranchIsJudgedAgainstTheInputItDerivesFrom() {
        MultiDataSet data = data(64, 1);
        double stdA = std(data.getFeatures(0));
        double stdB = std(data.getFeatures(1));

        List<HealthReport> history = train(graph(new HeInit()), data, 10);

        for (HealthReport r : history) {
            assertThat(r.violations()).as("iteration %d", r.iteration())
                    .noneMatch(v -> v.condition() == HealthCondition.SCALE_COLLAPSE);
            for (String branch : new String[] {"db", "db2"}) {
                LayerHealth l = r.layer(branch);
                assertThat(l.get(Figure.SCALE_RATIO)).as("%s against input b", branch)
                        .isCloseTo(l.get(Figure.ACTIVATION_STD) / stdB, within(1e-4 * l.get(Figure.SCALE_RATIO)))
                        .isBetween(0.1, 10.0);
            }
            LayerHealth da = r.layer("da");
            assertThat(da.get(Figure.SCALE_RATIO)).as("da against input a")
                    .isCloseTo(da.get(Figure.ACTIVATION_STD) / stdA, within(1e-4 * da.get(Figure.SCALE_RATIO)));
            // fed by both: the pooled std, each input's variance weighted by its values per example
            double pooled = Math.sqrt((A * stdA * stdA + B * stdB * stdB) / (A + B));
            for (String both : new String[] {"merge", "top"}) {
                LayerHealth l = r.layer(both);
                assertThat(l.get(Figure.SCALE_RATIO)).as("%s against the pooled std of a and b", both)
                        .isCloseTo(l.get(Figure.ACTIVATION_STD) / pooled, within(1e-4 * l.get(Figure.SCALE_RATIO)));
            }
        }
    }

    @Test
    void aBranchThatCollapsesIsStillFoundAgainstItsOwnInput() {
        // N(0,1)·0.001 weights on b's branch: after two layers of 10 and 16 inputs its scale is about 1e-5 of b's
        List<HealthReport> history = train(graph(new SmallRandomInit()), data(64, 2), 1);

        HealthReport r = history.get(0);
        assertThat(r.layer("db2").violations()).anyMatch(v -> v.condition() == HealthCondition.SCALE_COLLAPSE
                && v.verdict() == Verdict.FAILING);
        assertThat(r.layer("da").violations()).isEmpty();
    }

    @Test
    void anEmbeddingInputIsReferencedByItsEmbeddingAndTheOtherInputByItself() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(32).updater(new Adam(1e-3))
                .weightInit(new HeInit()).graphBuilder().addInputs("token", "x")
                .addLayer("embed", new EmbeddingLayer.Builder().nIn(50).nOut(8).activation(Activation.IDENTITY)
                        .build(), "token")
                .addLayer("dx", new DenseLayer.Builder().nIn(B).nOut(8).activation(Activation.TANH).build(), "x")
                .addVertex("merge", new MergeVertex(), "embed", "dx")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        Nd4j.getRandom().setSeed(3);
        INDArray tokens = Nd4j.create(DataType.FLOAT, 32, 1);
        for (int i = 0; i < 32; i++) {
            tokens.putScalar(i, 0, (i * 7) % 50);
        }
        INDArray x = Nd4j.randn(DataType.FLOAT, 32, B).muli(0.01);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, CLASSES);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, i % CLASSES, 1.0);
        }

        List<HealthReport> history = train(graph, new MultiDataSet(new INDArray[] {tokens, x},
                new INDArray[] {y}), 3);

        HealthReport r = history.get(2);
        // token indices are not a signal: the embedding's own output is its branch's reference
        assertThat(r.layer("embed").get(Figure.SCALE_RATIO)).isCloseTo(1.0, within(1e-9));
        assertThat(r.layer("dx").get(Figure.SCALE_RATIO)).isCloseTo(r.layer("dx").get(Figure.ACTIVATION_STD)
                / std(x), within(1e-4 * r.layer("dx").get(Figure.SCALE_RATIO)));
        assertThat(r.violations()).noneMatch(v -> v.condition() == HealthCondition.SCALE_COLLAPSE);
    }
}
