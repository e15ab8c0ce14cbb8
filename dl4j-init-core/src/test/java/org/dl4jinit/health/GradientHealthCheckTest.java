package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingModelSaver;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The pre-flight check against the listener, its side effects and bad input; the early-stopping condition. */
class GradientHealthCheckTest {

    private static final DataSet BATCH = Nets.data(64, 41);

    private static Set<String> findings(HealthReport r) {
        // the check updates nothing, so it has no update:parameter ratio to judge
        return r.violations().stream().filter(v -> v.condition() != HealthCondition.UPDATE_RATIO)
                .map(v -> v.layer() + "|" + v.condition() + "|" + v.verdict() + "|" + v.figure())
                .collect(Collectors.toSet());
    }

    private static HealthReport listenerFirstIteration(IWeightInit init, Activation act) {
        MultiLayerNetwork net = Nets.mlp(3, 32, act, init, Nets.sgd(), 41);
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing().build());
        net.setListeners(listener);
        net.fit(BATCH);
        return listener.lastReport();
    }

    private static void assertSameAsListener(IWeightInit init, Activation act, Verdict expected) {
        MultiLayerNetwork net = Nets.mlp(3, 32, act, init, Nets.sgd(), 41);
        GradientHealthListener attached = new GradientHealthListener();
        ScoreIterationListener other = new ScoreIterationListener(1);
        net.setListeners(attached, other);
        INDArray params = net.params().dup();
        int iterations = net.getIterationCount();

        HealthReport check = GradientHealth.check(net, BATCH);

        System.out.println(check.toTable());
        HealthReport listener = listenerFirstIteration(init, act);
        assertThat(check.verdict()).isEqualTo(expected);
        assertThat(findings(check)).isEqualTo(findings(listener));
        for (int i = 0; i < check.layers().size(); i++) {
            LayerHealth c = check.layers().get(i);
            LayerHealth l = listener.layers().get(i);
            assertThat(c.verdict()).as("layer %d", i).isIn(l.verdict(), Verdict.HEALTHY);
            for (Figure f : List.of(Figure.ACTIVATION_MEAN, Figure.ACTIVATION_STD, Figure.ZERO_FRACTION,
                    Figure.SATURATED_FRACTION, Figure.DEAD_UNITS, Figure.SCALE_RATIO, Figure.GRADIENT_NORM,
                    Figure.GRADIENT_RATIO)) {
                double a = c.get(f);
                double b = l.get(f);
                if (Double.isNaN(b)) {
                    assertThat(a).as("layer %d %s", i, f).isNaN();
                } else {
                    assertThat(a).as("layer %d %s", i, f).isCloseTo(b, within(1e-5 * Math.max(1, Math.abs(b))));
                }
            }
            assertThat(c.get(Figure.UPDATE_RATIO)).isNaN();
        }
        assertThat(Math.abs(check.score() - listener.score())).isLessThan(1e-5);
        // no side effects on what training depends on
        assertThat(net.params()).isEqualTo(params);
        assertThat(net.getIterationCount()).isEqualTo(iterations);
        assertThat(net.getListeners()).containsExactly(attached, other);
        assertThat(attached.lastReport()).as("the attached listener was not called by the check").isNull();
        String table = check.toTable();
        for (LayerHealth l : check.layers()) {
            assertThat(table).contains(System.lineSeparator() + l.name() + " " + l.type() + " ");
        }
        for (Violation v : check.violations()) {
            assertThat(table).contains(v.message());
        }
    }

    @Test
    void zeroInitCheckFailsLikeTheListenersFirstIterationWithoutSideEffects() {
        assertSameAsListener(new ZeroInit(), Activation.TANH, Verdict.FAILING);
    }

    @Test
    void heInitCheckIsHealthyLikeTheListenersFirstIterationWithoutSideEffects() {
        assertSameAsListener(new HeInit(), Activation.RELU, Verdict.HEALTHY);
    }

    @Test
    void checkOfAComputationGraphWithADataSet() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).updater(Nets.sgd())
                .weightInit(new ZeroInit()).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(Nets.INPUTS).nOut(16).activation(Activation.TANH)
                        .build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(Nets.CLASSES)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        INDArray params = graph.params().dup();

        HealthReport r = GradientHealth.check(graph, BATCH);

        assertThat(r.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(r.layer("hidden").get(Figure.ZERO_FRACTION)).isEqualTo(1.0);
        assertThat(r.layer("out").get(Figure.GRADIENT_NORM)).isEqualTo(0.0);
        assertThat(graph.params()).isEqualTo(params);
        assertThat(graph.getIterationCount()).isZero();
    }

    @Test
    void badInputIsRejectedWithExactMessages() {
        MultiLayerNetwork net = Nets.mlp(1, 8, Activation.RELU, new HeInit(), Nets.sgd(), 43);
        assertThatThrownBy(() -> GradientHealth.check(net, (DataSet) null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch must have features and labels for at least one example, was null");
        assertThatThrownBy(() -> GradientHealth.check(net, new DataSet(BATCH.getFeatures(), null)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch must have features and labels for at least one example, was 64 examples");
        // a bare layer is a Model too
        assertThatThrownBy(() -> GradientHealth.check(net.getLayer(0), BATCH))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("model must be a MultiLayerNetwork or a ComputationGraph, was "
                        + "org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer");
        assertThatThrownBy(() -> GradientHealth.check(null, BATCH))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("model must be a MultiLayerNetwork or a ComputationGraph, was null");
        MultiDataSet multi = new MultiDataSet(BATCH.getFeatures(), BATCH.getLabels());
        assertThatThrownBy(() -> GradientHealth.check(net, multi, HealthConfig.builder().build()))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("a MultiDataSet batch needs a ComputationGraph, was "
                        + "org.deeplearning4j.nn.multilayer.MultiLayerNetwork");
    }

    // --- early stopping ---------------------------------------------------------------------------------------

    private static GradientHealthListener quiet() {
        return new GradientHealthListener(HealthConfig.builder().onWarning().onFailing().build());
    }

    private static EarlyStoppingConfiguration<MultiLayerNetwork> esConfig(HealthTerminationCondition condition,
            ListDataSetIterator<DataSet> test, EarlyStoppingModelSaver<MultiLayerNetwork> saver) {
        return new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(5))
                .iterationTerminationConditions(condition)
                .scoreCalculator(new DataSetLossCalculator(test, true))
                .modelSaver(saver).build();
    }

    private static ListDataSetIterator<DataSet> batches(int n) {
        return new ListDataSetIterator<>(Nets.data(16 * n, 44).asList(), 16);
    }

    /**
     * Fires in the first epoch, before any best model was saved: with the condition's model saver the trainer
     * returns a result whose termination details name the layer and the condition, and the model as it was.
     */
    @Test
    void healthConditionInTheFirstEpochEndsTrainingWithAResultNamingLayerAndCondition() {
        MultiLayerNetwork net = Nets.mlp(2, 16, Activation.TANH, new ZeroInit(), Nets.sgd(), 44);
        GradientHealthListener listener = quiet();
        net.setListeners(listener);
        HealthTerminationCondition condition = new HealthTerminationCondition(listener, 3);
        EarlyStoppingTrainer trainer = new EarlyStoppingTrainer(
                esConfig(condition, batches(2), condition.modelSaver(new InMemoryModelSaver<>())), net, batches(8));

        EarlyStoppingResult<MultiLayerNetwork> result = trainer.fit();

        assertThat(result.getTerminationReason())
                .isEqualTo(EarlyStoppingResult.TerminationReason.IterationTerminationCondition);
        assertThat(result.getTerminationDetails()).startsWith("HealthTerminationCondition(failing for 3 consecutive "
                + "iterations) fired at iteration 2 after 3 FAILING iterations: layer 0 (DenseLayer, tanh): FAILING "
                + "condition 2").contains("W = 0");
        assertThat(result.getBestModel()).isSameAs(net);
        assertThat(result.getBestModelEpoch()).isEqualTo(-1);
        assertThat(net.getIterationCount()).as("stopped after the third failing iteration").isEqualTo(3);
        assertThat(listener.lastReport().failingStreak()).isEqualTo(3);
        assertThat(listener.history()).hasSize(3).allMatch(r -> r.verdict() == Verdict.FAILING);
    }

    /** Why the condition offers a model saver: DL4J 1.0.0-M2.1's trainer dereferences a missing best model. */
    @Test
    void withAPlainSaverDl4jFailsWhenTheConditionFiresInTheFirstEpoch() {
        MultiLayerNetwork net = Nets.mlp(2, 16, Activation.TANH, new ZeroInit(), Nets.sgd(), 44);
        GradientHealthListener listener = quiet();
        net.setListeners(listener);
        EarlyStoppingTrainer trainer = new EarlyStoppingTrainer(
                esConfig(new HealthTerminationCondition(listener, 3), batches(2), new InMemoryModelSaver<>()), net,
                batches(8));

        assertThatThrownBy(trainer::fit).isExactlyInstanceOf(NullPointerException.class);
    }

    @Test
    void healthConditionAfterTheFirstEpochEndsTrainingWithItsReasonAndTheBestModel() throws Exception {
        MultiLayerNetwork net = Nets.mlp(2, 16, Activation.TANH, new ZeroInit(), Nets.sgd(), 44);
        GradientHealthListener listener = quiet();
        net.setListeners(listener);
        HealthTerminationCondition condition = new HealthTerminationCondition(listener, 6);
        InMemoryModelSaver<MultiLayerNetwork> saver = new InMemoryModelSaver<>();
        EarlyStoppingTrainer trainer = new EarlyStoppingTrainer(
                esConfig(condition, batches(2), condition.modelSaver(saver)), net, batches(4));

        EarlyStoppingResult<MultiLayerNetwork> result = trainer.fit();

        assertThat(result.getTerminationReason())
                .isEqualTo(EarlyStoppingResult.TerminationReason.IterationTerminationCondition);
        assertThat(result.getTerminationDetails())
                .startsWith("HealthTerminationCondition(failing for 6 consecutive iterations) fired at iteration 5");
        assertThat(result.getTotalEpochs()).isEqualTo(1);
        assertThat(result.getBestModel()).isNotNull().isNotSameAs(net).isSameAs(saver.getBestModel());
        assertThat(net.getIterationCount()).isEqualTo(6);
        assertThat(condition.firedOn().failingStreak()).isEqualTo(6);
    }

    @Test
    void healthyTrainingIsNotStoppedByTheHealthCondition() {
        MultiLayerNetwork net = Nets.mlp(2, 16, Activation.RELU, new HeInit(), Nets.sgd(), 45);
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing().build());
        net.setListeners(listener);
        EarlyStoppingTrainer trainer = new EarlyStoppingTrainer(
                new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                        .epochTerminationConditions(new MaxEpochsTerminationCondition(2))
                        .iterationTerminationConditions(new HealthTerminationCondition(listener, 1))
                        .scoreCalculator(new DataSetLossCalculator(batches(2), true))
                        .modelSaver(new InMemoryModelSaver<>()).build(),
                net, batches(4));

        EarlyStoppingResult<MultiLayerNetwork> result = trainer.fit();

        assertThat(result.getTerminationReason())
                .isEqualTo(EarlyStoppingResult.TerminationReason.EpochTerminationCondition);
        assertThat(result.getTotalEpochs()).isEqualTo(2);
        assertThat(listener.lastReport().failingStreak()).isZero();
    }
}
