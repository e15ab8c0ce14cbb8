package org.dl4jinit.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.GradientHealth;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.NormalInit;
import org.dl4jinit.init.SmallRandomInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** What the analysis predicts and reports, against the pre-flight check where a verdict is at stake. */
class SignalPropagationTest {

    static MultiLayerConfiguration mlp(int depth, int width, Activation activation, IWeightInit init) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(3)
                .updater(new Nesterovs(0.01, 0.9)).weightInit(init).list();
        for (int i = 0; i < depth; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? 784 : width).nOut(width).activation(activation).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(width).nOut(10)
                .activation(Activation.SOFTMAX).build());
        return b.build();
    }

    static DataSet flat(int examples, long seed) {
        DataSet d = Fixtures.images(examples, seed);
        return new DataSet(d.getFeatures().reshape(examples, 784), d.getLabels());
    }

    private static void verdictsEqualThePreflightCheck(MultiLayerConfiguration conf, DataSet batch) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        HealthReport measured = GradientHealth.check(net, batch);
        PropagationReport predicted = SignalPropagation.analyze(conf, PropagationOptions.builder()
                .input(InputMoments.ofBatch(batch.getFeatures(), batch.getLabels()))
                .batchSize(batch.numExamples()).build());
        for (HealthCondition.Group g : HealthCondition.Group.values()) {
            assertThat(predicted.verdict(g)).as("%s%n%s%n%s", g, measured.toTable(), predicted.toTable())
                    .isEqualTo(measured.verdict(g));
        }
    }

    @Test
    void zeroInitTanhIsAllZerosAndEveryGradientIsZero() {
        MultiLayerConfiguration conf = mlp(3, 64, Activation.TANH, new ZeroInit());
        PropagationReport r = SignalPropagation.analyze(conf, 1.0);

        for (int l = 0; l < 3; l++) {
            assertThat(r.layers().get(l).get(Figure.ZERO_FRACTION)).isEqualTo(1.0);
            assertThat(r.layers().get(l).get(Figure.GRADIENT_NORM)).isZero();
        }
        assertThat(r.verdict(HealthCondition.Group.CONDITION_2_NOT_ZERO)).isEqualTo(Verdict.FAILING);
        assertThat(r.verdict(HealthCondition.Group.GRADIENTS)).isEqualTo(Verdict.FAILING);
        verdictsEqualThePreflightCheck(conf, flat(32, 1));
    }

    @Test
    void tinyInitDeepReluUnderflowsToExactZerosInFloat() {
        // N(0,1)·0.001 at width 256: the scale drops ×0.0113 per layer and float underflows near layer 22
        MultiLayerConfiguration conf = mlp(30, 256, Activation.RELU, new SmallRandomInit());
        PropagationReport r = SignalPropagation.analyze(conf, 1.0);

        assertThat(r.layers().get(10).get(Figure.ZERO_FRACTION)).isCloseTo(0.5, within(1e-6));
        assertThat(r.layers().get(28).get(Figure.ZERO_FRACTION)).isEqualTo(1.0);
        assertThat(r.layers().get(28).get(Figure.DEAD_UNITS)).isEqualTo(1.0);
        assertThat(r.verdict(HealthCondition.Group.CONDITION_1_NOT_SATURATED)).isEqualTo(Verdict.FAILING);
        verdictsEqualThePreflightCheck(conf, flat(64, 2));
    }

    @Test
    void verdictsEqualThePreflightChecksOnHealthyAndBrokenNets() {
        DataSet batch = flat(64, 3);
        verdictsEqualThePreflightCheck(mlp(8, 128, Activation.RELU, new HeInit()), batch);
        verdictsEqualThePreflightCheck(mlp(24, 128, Activation.RELU, XavierInit.uniform()), batch);
        verdictsEqualThePreflightCheck(mlp(4, 256, Activation.SIGMOID, new NormalInit(0, 5)), batch);
        verdictsEqualThePreflightCheck(mlp(8, 256, Activation.TANH, new NormalInit(0, 1)), batch);
    }

    /** Issue 12's rule, predicted: a padding layer's zeros are by design, it is not judged on its values. */
    @Test
    void paddingAfterAReluConvIsNotJudgedAndTheVerdictsAreTheChecks() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(21).weightInit(new HeInit()).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nIn(1).nOut(8).activation(Activation.RELU).build())
                .layer(new ZeroPaddingLayer.Builder(7, 7).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(8).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        DataSet batch = Fixtures.images(32, 4);
        PropagationReport predicted = SignalPropagation.analyze(conf, PropagationOptions.builder()
                .input(InputMoments.ofBatch(batch.getFeatures(), batch.getLabels())).batchSize(32)
                .inputTypes(InputType.convolutional(28, 28, 1)).build());
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        HealthReport measured = GradientHealth.check(net, batch);

        assertThat(measured.layer("1").get(Figure.ZERO_FRACTION)).as(measured.toTable()).isGreaterThan(0.7);
        assertThat(predicted.layer("1").violations()).as(predicted.toTable()).isEmpty();
        for (HealthCondition.Group g : HealthCondition.Group.values()) {
            assertThat(predicted.verdict(g)).as("%s%n%s%n%s", g, measured.toTable(), predicted.toTable())
                    .isEqualTo(measured.verdict(g));
        }
    }

    /** Issue 12's rule, predicted: per-unit figures need a minimum batch (8 by default). */
    @Test
    void belowTheMinimumBatchDeadUnitsAreNeitherPredictedNorJudged() {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(3).weightInit(new HeInit())
                .list();
        b.layer(new DenseLayer.Builder().nIn(784).nOut(64).activation(Activation.RELU).biasInit(-10).build());
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(64).nOut(10)
                .activation(Activation.SOFTMAX).build());
        MultiLayerConfiguration conf = b.build();

        PropagationReport small = SignalPropagation.analyze(conf, PropagationOptions.builder().inputVariance(1)
                .batchSize(4).build());
        PropagationReport usual = SignalPropagation.analyze(conf, PropagationOptions.builder().inputVariance(1)
                .batchSize(64).build());

        assertThat(usual.layer("0").get(Figure.DEAD_UNITS)).isCloseTo(1.0, within(1e-6));
        assertThat(usual.layer("0").violations()).anyMatch(v -> v.figure() == Figure.DEAD_UNITS);
        assertThat(small.layer("0").get(Figure.DEAD_UNITS)).isNaN();
        assertThat(small.layer("0").violations()).noneMatch(v -> v.figure() == Figure.DEAD_UNITS);
        assertThat(small.verdict(HealthCondition.Group.CONDITION_1_NOT_SATURATED)).isEqualTo(Verdict.FAILING);
    }

    @Test
    void saturatedTanhIsPredictedAsSuch() {
        // N(0,1) weights on 784 inputs: q ≈ 784, tanh saturated almost everywhere, χ far below 1 at the bottom
        PropagationReport r = SignalPropagation.analyze(mlp(6, 256, Activation.TANH, new NormalInit(0, 1)), 1.0);

        LayerPrediction first = r.layers().get(0);
        assertThat(first.preActivationVariance()).isCloseTo(784, within(1e-6));
        assertThat(first.get(Figure.SATURATED_FRACTION)).isGreaterThan(0.9);
        assertThat(r.verdict(HealthCondition.Group.CONDITION_1_NOT_SATURATED)).isEqualTo(Verdict.FAILING);
    }

    @Test
    void aLayerThatIsNotModelledIsReportedAndTheAnalysisContinues() {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1).weightInit(new HeInit())
                .list();
        b.layer(new DenseLayer.Builder().nIn(100).nOut(50).activation(Activation.RELU).build());
        b.layer(new PReLULayer.Builder().inputShape(50).build());
        b.layer(new DenseLayer.Builder().nIn(50).nOut(50).activation(Activation.RELU).build());
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(50).nOut(10)
                .activation(Activation.SOFTMAX).build());
        b.setInputType(InputType.feedForward(100));
        MultiLayerConfiguration conf = b.build();

        PropagationReport passThrough = SignalPropagation.analyze(conf, 1.0);
        LayerPrediction prelu = passThrough.layer("1");
        assertThat(prelu.modelling()).isEqualTo(Modelling.ASSUMED);
        assertThat(prelu.note()).contains("PReLULayer is not modelled").contains("passes through unchanged");
        // q of the next layer = σ_w²·E[x²] with the ReLU output passed through: 2 · (2/2) = 2
        assertThat(passThrough.layer("2").preActivationVariance()).isCloseTo(2, within(1e-6));
        assertThat(passThrough.notExact()).contains(prelu);

        PropagationReport given = SignalPropagation.analyze(conf, PropagationOptions.builder()
                .assumeOutput("1", 0.5, 3.0).build());
        assertThat(given.layer("1").note()).contains("output as given: mean 0.5, variance 3.0");
        assertThat(given.layer("2").preActivationVariance()).isCloseTo(2 * (3.0 + 0.25), within(1e-9));
    }

    /** A custom activation (scaled tanh, 2·tanh(x)) through its own getActivation/backprop. */
    static final class DoubledTanh extends BaseActivationFunction {
        private static final long serialVersionUID = 1L;

        @Override
        public INDArray getActivation(INDArray in, boolean training) {
            return Transforms.tanh(in, false).muli(2);
        }

        @Override
        public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
            INDArray t = Transforms.tanh(in, true);
            INDArray d = t.mul(t).rsubi(1).muli(2).muli(epsilon);
            return new Pair<>(d, null);
        }

        @Override
        public String toString() {
            return "doubled-tanh";
        }
    }

    @Test
    void aCustomActivationIsAnalysedThroughItsOwnCode() {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1)
                .weightInit(new XavierInit()).list();
        b.layer(new DenseLayer.Builder().nIn(100).nOut(100).activation(new DoubledTanh()).build());
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(100).nOut(10)
                .activation(Activation.SOFTMAX).build());
        PropagationReport r = SignalPropagation.analyze(b.build(), 1.0);

        LayerPrediction l = r.layer("0");
        double q = l.preActivationVariance();
        double[] m = Reference.tanhMoments(q);
        double mean = 0;
        assertThat(l.std()).isCloseTo(2 * Math.sqrt(m[0] - mean * mean), within(1e-6));
        assertThat(l.modelling()).isEqualTo(Modelling.MODELLED);
    }

    @Test
    void dropoutOnTheInputRaisesTheSecondMomentByOneOverP() {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(4).weightInit(new HeInit())
                .list();
        b.layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build());
        b.layer(new DenseLayer.Builder().nIn(256).nOut(256).activation(Activation.RELU).dropOut(0.5).build());
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(256).nOut(10)
                .activation(Activation.SOFTMAX).build());
        MultiLayerConfiguration conf = b.build();
        DataSet batch = flat(64, 5);
        List<Measured> runs = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
            net.getLayerWiseConfigurations().getConf(0).setSeed(seed);
            net.init();
            runs.add(Measured.of(net, batch));
        }
        PropagationReport r = SignalPropagation.analyze(conf, PropagationOptions.builder()
                .input(InputMoments.ofBatch(batch.getFeatures(), batch.getLabels())).batchSize(64).build());

        assertThat(r.layer("1").preActivationVariance() / r.layer("0").preActivationVariance())
                .as("q₂/q₁ = σ_w²·E[relu²]/p / q₁ = 2·(1/2)/0.5").isCloseTo(2, within(1e-6));
        assertThat(r.layer("1").std() / Measured.mean(runs, "1", 1)).isCloseTo(1, within(0.1));
        assertThat(r.layer("1").note()).contains("dropout on the input (retain 0.500)");
    }

    @Test
    void aGraphWithTwoInputsMergeScaleShiftAndSubtractIsPredictedExactlyWhereItIsLinear() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).weightInit(new HeInit())
                .graphBuilder().addInputs("x", "y")
                .addLayer("dx", new DenseLayer.Builder().nIn(30).nOut(40).activation(Activation.IDENTITY).build(), "x")
                .addLayer("dy", new DenseLayer.Builder().nIn(20).nOut(40).activation(Activation.IDENTITY).build(), "y")
                .addVertex("merge", new org.deeplearning4j.nn.conf.graph.MergeVertex(), "dx", "dy")
                .addVertex("scaled", new org.deeplearning4j.nn.conf.graph.ScaleVertex(3), "dx")
                .addVertex("shifted", new org.deeplearning4j.nn.conf.graph.ShiftVertex(1), "dy")
                .addVertex("diff", new org.deeplearning4j.nn.conf.graph.ElementWiseVertex(
                        org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Subtract), "scaled", "shifted")
                .addLayer("h", new DenseLayer.Builder().nIn(40).nOut(16).activation(Activation.TANH).build(), "diff")
                .addLayer("m", new DenseLayer.Builder().nIn(80).nOut(16).activation(Activation.TANH).build(), "merge")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "h")
                .addLayer("out2", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "m")
                .setOutputs("out", "out2").build();

        PropagationReport r = SignalPropagation.analyze(conf, 1.0);

        // He with an identity activation: q = 2·1 for both branches; scale ×3 → variance 18; shift by 1; difference
        assertThat(r.layer("dx").std()).isCloseTo(Math.sqrt(2), within(1e-9));
        assertThat(r.layer("merge").std()).isCloseTo(Math.sqrt(2), within(1e-9));
        assertThat(r.layer("scaled").std()).isCloseTo(Math.sqrt(18), within(1e-9));
        assertThat(r.layer("shifted").get(Figure.ACTIVATION_MEAN)).isCloseTo(1, within(1e-9));
        assertThat(r.layer("diff").std()).isCloseTo(Math.sqrt(18 + 2), within(1e-9));
        assertThat(r.layer("diff").get(Figure.ACTIVATION_MEAN)).isCloseTo(-1, within(1e-9));
        assertThat(r.layer("h").preActivationVariance()).as("σ_w²·E[x²] = 2·(20 + 1)")
                .isCloseTo(42, within(1e-9));
        assertThat(r.layer("out").get(Figure.GRADIENT_RMS)).isPositive();
        assertThat(r.layer("out2").get(Figure.GRADIENT_RMS)).isPositive();
        assertThat(r.layer("dx").get(Figure.GRADIENT_RMS)).as("gradients from both outputs reach dx").isPositive();
    }

    @Test
    void theTableShowsVerdictsFindingsAndNotes() {
        String table = SignalPropagation.analyze(mlp(3, 64, Activation.TANH, new ZeroInit()), 1.0).toTable();

        assertThat(table).contains("Signal propagation (no data, no forward pass): batch 32")
                .contains("condition 1 HEALTHY, condition 2 FAILING, gradients FAILING")
                .contains("predicted: layer 0 (DenseLayer, tanh): FAILING condition 2 (activations not zero)")
                .contains("input: assumed: independent zero-mean inputs of variance 1");
    }

    @Test
    void badInputIsNamed() {
        MultiLayerConfiguration conf = mlp(1, 8, Activation.TANH, new HeInit());
        assertThatThrownBy(() -> SignalPropagation.analyze((MultiLayerConfiguration) null, 1.0))
                .hasMessage("conf must not be null");
        assertThatThrownBy(() -> SignalPropagation.analyze(conf, -1.0))
                .hasMessage("inputVariance must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> SignalPropagation.analyze(conf, Double.POSITIVE_INFINITY))
                .hasMessage("inputVariance must be finite and >= 0, was Infinity");
        assertThatThrownBy(() -> SignalPropagation.analyze(conf, (PropagationOptions) null))
                .hasMessage("options must not be null");
        assertThatThrownBy(() -> PropagationOptions.builder().batchSize(0)).hasMessage("batchSize must be >= 1, was 0");
        assertThatThrownBy(() -> PropagationOptions.builder().band(0))
                .hasMessage("band must be finite and > 0 standard deviations, was 0.0");
        assertThatThrownBy(() -> PropagationOptions.builder().assumeOutput("", 0, 1))
                .hasMessage("layer must name a layer, was ");
        assertThatThrownBy(() -> PropagationOptions.builder().assumeOutput("2", 0, -1))
                .hasMessage("variance of layer 2 must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> SignalPropagation.analyze(conf, PropagationOptions.builder()
                .inputTypes(InputType.feedForward(784), InputType.feedForward(784)).build()))
                .hasMessage("a MultiLayerConfiguration has one input: inputTypes must hold one type, had 2");
        assertThatThrownBy(() -> InputMoments.of(Nd4j.zeros(2, 3, 4)))
                .hasMessage("features must have rank 2 [examples, features] or 4 [examples, channels, height, width],"
                        + " had shape [2, 3, 4]");
        assertThatThrownBy(() -> InputMoments.of(Nd4j.zeros(1, 3)))
                .hasMessageStartingWith("features must hold at least 2 examples");
        ComputationGraphConfiguration graph = Fixtures.residual(1);
        assertThatThrownBy(() -> SignalPropagation.analyze(graph, PropagationOptions.builder()
                .inputTypes(InputType.feedForward(784), InputType.feedForward(1)).build()))
                .hasMessage("inputTypes must hold one type per network input (1), had 2");
    }

    @Test
    void measuredInputMomentsSeeClassStructure() {
        DataSet d = flat(100, 6);
        InputMoments m = InputMoments.of(d.getFeatures(), d.getLabels());

        assertThat(m.secondMoment()).isCloseTo(1, within(1e-4));
        assertThat(m.sameLabelPairs()).isCloseTo(900.0 / 9900, within(1e-12));
        assertThat(m.crossSameLabel()).isGreaterThan(m.crossExample() + 0.5);
        assertThat(m.isBatch()).isFalse();
        assertThat(InputMoments.ofBatch(d.getFeatures(), null).isBatch()).isTrue();
    }
}
