package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.LeCunInit;
import org.dl4jinit.init.XavierInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The listener on every kind of layer DL4J users put between input and output: each network trains 20
 * iterations with a default {@link GradientHealthListener} and the last report must be sensible — every layer
 * present with its type and activation, hidden layers with a finite activation std, trainable weighted layers
 * with a positive gradient norm and a finite update ratio, parameterless layers without gradient figures, and
 * the output layer with gradient figures but no activation figures.
 */
class LayerCoverageTest {

    private static final int ITERATIONS = 20;

    private static HealthReport train(Model model, DataSet data) {
        GradientHealthListener listener = new GradientHealthListener();
        model.setListeners(listener);
        for (int i = 0; i < ITERATIONS; i++) {
            if (model instanceof MultiLayerNetwork) {
                ((MultiLayerNetwork) model).fit(data);
            } else {
                ((ComputationGraph) model).fit(data);
            }
        }
        HealthReport r = listener.lastReport();
        assertThat(r).isNotNull();
        assertThat(r.iteration()).isEqualTo(ITERATIONS - 1);
        assertThat(listener.history()).hasSize(ITERATIONS);
        System.out.println(r.toTable());
        return r;
    }

    private static List<String> names(HealthReport r) {
        return r.layers().stream().map(LayerHealth::name).collect(Collectors.toList());
    }

    private static List<String> types(HealthReport r) {
        return r.layers().stream().map(LayerHealth::type).collect(Collectors.toList());
    }

    private static List<String> activations(HealthReport r) {
        return r.layers().stream().map(LayerHealth::activation).collect(Collectors.toList());
    }

    /** The figures every layer must have, whatever its kind. */
    private static void assertSensible(HealthReport r) {
        for (LayerHealth l : r.layers()) {
            LayerInfo info = l.layer();
            String who = info.describe();
            if (info.output()) {
                assertThat(l.get(Figure.ACTIVATION_STD)).as("%s activation std", who).isNaN();
                assertThat(l.get(Figure.ACTIVATION_MEAN)).as("%s activation mean", who).isNaN();
                assertThat(l.get(Figure.SATURATED_FRACTION)).as("%s saturated fraction", who).isNaN();
            } else {
                assertThat(l.get(Figure.ACTIVATION_STD)).as("%s activation std", who).isFinite().isGreaterThan(0);
                assertThat(l.get(Figure.DEAD_UNITS)).as("%s dead units", who).isBetween(0.0, 1.0);
                assertThat(l.get(Figure.ZERO_FRACTION)).as("%s zero fraction", who).isBetween(0.0, 1.0);
                assertThat(l.get(Figure.NON_FINITE_ACTIVATIONS)).as("%s non-finite", who).isEqualTo(0.0);
            }
            if (info.hasWeights() && info.trainable()) {
                assertThat(l.get(Figure.GRADIENT_NORM)).as("%s gradient norm", who).isFinite().isGreaterThan(0);
                assertThat(l.get(Figure.GRADIENT_RMS)).as("%s gradient rms", who).isFinite().isGreaterThan(0);
                assertThat(l.get(Figure.GRADIENT_RATIO)).as("%s gradient ratio", who).isFinite().isGreaterThan(0);
                assertThat(l.get(Figure.UPDATE_RATIO)).as("%s update ratio", who).isFinite().isGreaterThan(0);
                assertThat(l.get(Figure.NON_FINITE_GRADIENTS)).as("%s non-finite grads", who).isEqualTo(0.0);
            }
            if (!info.hasWeights()) {
                assertThat(l.get(Figure.GRADIENT_NORM)).as("%s gradient norm", who).isNaN();
                assertThat(l.get(Figure.GRADIENT_RMS)).as("%s gradient rms", who).isNaN();
                assertThat(l.get(Figure.GRADIENT_RATIO)).as("%s gradient ratio", who).isNaN();
                assertThat(l.get(Figure.UPDATE_RATIO)).as("%s update ratio", who).isNaN();
            }
        }
        assertThat(r.violations()).noneMatch(v -> v.condition() == HealthCondition.NON_FINITE);
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-3)).weightInit(new HeInit());
    }

    // --- (a) ComputationGraph with a MergeVertex ------------------------------------------------------------

    @Test
    void graphWithTwoBranchesAndMergeVertexReportsEveryVertexByName() {
        ComputationGraphConfiguration conf = base(11).graphBuilder().addInputs("in")
                .addLayer("left", new DenseLayer.Builder().nIn(20).nOut(16).activation(Activation.TANH)
                        .weightInit(XavierInit.uniform()).build(), "in")
                .addLayer("right", new DenseLayer.Builder().nIn(20).nOut(12).activation(Activation.RELU).build(), "in")
                .addVertex("merge", new MergeVertex(), "left", "right")
                .addLayer("top", new DenseLayer.Builder().nIn(28).nOut(16).activation(Activation.RELU).build(), "merge")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "top")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();

        HealthReport r = train(graph, Nets.small(32, 20, 4, 11));

        assertThat(names(r)).containsExactlyInAnyOrder("left", "right", "merge", "top", "out");
        assertThat(names(r).indexOf("merge")).isGreaterThan(names(r).indexOf("left"))
                .isGreaterThan(names(r).indexOf("right")).isLessThan(names(r).indexOf("top"));
        assertThat(names(r).get(names(r).size() - 1)).isEqualTo("out");
        LayerHealth merge = r.layer("merge");
        assertThat(merge.type()).isEqualTo("MergeVertex");
        assertThat(merge.activation()).isEqualTo("none");
        assertThat(merge.layer().hasWeights()).isFalse();
        assertThat(merge.layer().describe()).isEqualTo("layer \"merge\" (MergeVertex)");
        assertThat(r.layer("left").activation()).isEqualTo("tanh");
        assertThat(r.layer("right").activation()).isEqualTo("relu");
        assertThat(r.layer("out").type()).isEqualTo("OutputLayer");
        assertThat(r.layer("out").layer().output()).isTrue();
        // the merge concatenates a tanh (zero-free) and a ReLU branch (about half zeros): its zero fraction lies
        // strictly between the two
        assertThat(merge.get(Figure.ZERO_FRACTION)).isGreaterThan(r.layer("left").get(Figure.ZERO_FRACTION))
                .isLessThan(r.layer("right").get(Figure.ZERO_FRACTION));
        assertThat(r.layer("left").get(Figure.SCALE_RATIO)).isFinite().isGreaterThan(0);
        assertSensible(r);
    }

    // --- (b) CNN ----------------------------------------------------------------------------------------------

    @Test
    void cnnWithSubsamplingAndBatchNormReportsPerChannelFigures() {
        MultiLayerNetwork net = new MultiLayerNetwork(base(12).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(Nets.CLASSES).activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build());
        net.init();

        HealthReport r = train(net, Nets.data(32, 12));

        assertThat(types(r)).containsExactly("ConvolutionLayer", "SubsamplingLayer", "BatchNormalization", "DenseLayer",
                "OutputLayer");
        LayerHealth conv = r.layer("0");
        assertThat(conv.activation()).isEqualTo("relu");
        assertThat(conv.layer().family()).isEqualTo(ActivationFamily.RECTIFIER);
        assertThat(conv.get(Figure.DEAD_UNITS)).isBetween(0.0, 1.0);
        // the dead-unit fraction is per channel: with 8 channels it is a multiple of 1/8
        assertThat(conv.get(Figure.DEAD_UNITS) * 8).isCloseTo(Math.rint(conv.get(Figure.DEAD_UNITS) * 8),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(conv.get(Figure.SATURATED_FRACTION)).isBetween(0.2, 0.8);
        assertThat(r.layer("1").activation()).isEqualTo("none");
        assertThat(r.layer("1").layer().hasWeights()).isFalse();
        // batch normalization's gamma/beta are not weights (BatchNormalizationParamInitializer.isWeightParam)
        assertThat(r.layer("2").layer().hasWeights()).isFalse();
        // it never applies an activation: the inherited global default (sigmoid) must not be judged
        assertThat(r.layer("2").activation()).isEqualTo("none");
        assertThat(r.layer("2").layer().family()).isEqualTo(ActivationFamily.NONE);
        assertThat(r.violations()).noneMatch(v -> v.layerIndex() == 2);
        assertSensible(r);
    }

    // --- (c) recurrent ----------------------------------------------------------------------------------------

    @Test
    void lstmWithRnnOutputLayerReportsRecurrentWeights() {
        MultiLayerNetwork net = new MultiLayerNetwork(base(13).weightInit(XavierInit.uniform()).list()
                .layer(new LSTM.Builder().nIn(5).nOut(16).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(3).activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();

        HealthReport r = train(net, Nets.sequences(16, 5, 10, 3, true, 13));

        assertThat(types(r)).containsExactly("LSTM", "RnnOutputLayer");
        assertThat(activations(r)).containsExactly("tanh", "softmax");
        assertThat(r.layer("0").layer().weightKeys()).containsExactly("W", "RW");
        // per-unit figures reduce over batch and time: 16 units
        assertThat(r.layer("0").get(Figure.SATURATED_UNITS) * 16).isCloseTo(
                Math.rint(r.layer("0").get(Figure.SATURATED_UNITS) * 16), org.assertj.core.data.Offset.offset(1e-9));
        assertSensible(r);
    }

    @Test
    void simpleRnnWithLastTimeStepAndWithGlobalPoolingReportTheWrappedLayer() {
        MultiLayerNetwork last = new MultiLayerNetwork(base(14).weightInit(XavierInit.uniform()).list()
                .layer(new LastTimeStep(new SimpleRnn.Builder().nIn(5).nOut(16).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(3).activation(Activation.SOFTMAX)
                        .build())
                .build());
        last.init();
        MultiLayerNetwork pooled = new MultiLayerNetwork(base(14).weightInit(XavierInit.uniform()).list()
                .layer(new SimpleRnn.Builder().nIn(5).nOut(16).activation(Activation.TANH).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(3).activation(Activation.SOFTMAX)
                        .build())
                .build());
        pooled.init();
        DataSet data = Nets.sequences(16, 5, 10, 3, false, 14);

        HealthReport r1 = train(last, data);
        HealthReport r2 = train(pooled, data);

        assertThat(types(r1)).containsExactly("SimpleRnn", "OutputLayer");
        assertThat(activations(r1)).containsExactly("tanh", "softmax");
        assertThat(r1.layer("0").layer().family()).isEqualTo(ActivationFamily.SYMMETRIC);
        assertThat(r1.layer("0").get(Figure.SATURATED_FRACTION)).isBetween(0.0, 1.0);
        assertSensible(r1);
        assertThat(types(r2)).containsExactly("SimpleRnn", "GlobalPoolingLayer", "OutputLayer");
        assertThat(activations(r2)).containsExactly("tanh", "none", "softmax");
        assertSensible(r2);
    }

    // --- (d) frozen layers ------------------------------------------------------------------------------------

    @Test
    void frozenLayersViaTransferLearningAreNotTrainableAndNotFlaggedForZeroGradientOrUpdateRatio() {
        MultiLayerNetwork source = Nets.mlp(3, 32, Activation.RELU, new HeInit(), Nets.sgd(), 15);
        source.fit(Nets.data(32, 15));
        MultiLayerNetwork net = new TransferLearning.Builder(source)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-3)).build())
                .setFeatureExtractor(1).build();

        HealthReport r = train(net, Nets.data(32, 15));

        assertThat(types(r)).containsExactly("DenseLayer", "DenseLayer", "DenseLayer", "OutputLayer");
        for (String frozen : List.of("0", "1")) {
            LayerHealth l = r.layer(frozen);
            assertThat(l.layer().trainable()).as("layer %s trainable", frozen).isFalse();
            assertThat(l.layer().describe()).isEqualTo("layer " + frozen + " (DenseLayer, relu, frozen)");
            assertThat(l.get(Figure.UPDATE_RATIO)).isNaN();
            assertThat(l.get(Figure.GRADIENT_RATIO)).isNaN();
            assertThat(l.get(Figure.ACTIVATION_STD)).isFinite().isGreaterThan(0);
        }
        for (HealthReport h : List.of(r)) {
            assertThat(h.violations()).noneMatch(v -> !v.isModelLevel() && !v.layer().trainable()
                    && (v.condition() == HealthCondition.ZERO_GRADIENT
                    || v.condition() == HealthCondition.UPDATE_RATIO
                    || v.condition() == HealthCondition.VANISHING_GRADIENT
                    || v.condition() == HealthCondition.EXPLODING_GRADIENT));
        }
        assertThat(r.layer("2").layer().trainable()).isTrue();
        assertSensible(r);
    }

    @Test
    void frozenLayerWithBackpropIsNotTrainable() {
        MultiLayerNetwork net = new MultiLayerNetwork(base(16).list()
                .layer(new FrozenLayerWithBackprop(new DenseLayer.Builder().nIn(20).nOut(16)
                        .activation(Activation.RELU).build()))
                .layer(new DenseLayer.Builder().nIn(16).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(4).activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();

        HealthReport r = train(net, Nets.small(32, 20, 4, 16));

        assertThat(r.layer("0").type()).isEqualTo("DenseLayer");
        assertThat(r.layer("0").layer().trainable()).isFalse();
        assertThat(r.layer("0").get(Figure.UPDATE_RATIO)).isNaN();
        assertThat(r.layer("0").violations()).noneMatch(v -> v.condition().group() == HealthCondition.Group.GRADIENTS);
        assertSensible(r);
    }

    // --- (e) dropout, activation and embedding layers ---------------------------------------------------------

    @Test
    void activationLayerAfterIdentityDenseIsJudgedAsTanhAndDropoutLayerHasNoGradients() {
        MultiLayerNetwork net = new MultiLayerNetwork(base(17).weightInit(XavierInit.uniform()).list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(32).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.TANH).build())
                .layer(new DropoutLayer.Builder(0.8).build())
                .layer(new DenseLayer.Builder().nIn(32).nOut(16).activation(Activation.RELU)
                        .weightInit(new HeInit()).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(4).activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();

        HealthReport r = train(net, Nets.small(32, 20, 4, 17));

        assertThat(types(r)).containsExactly("DenseLayer", "ActivationLayer", "DropoutLayer", "DenseLayer",
                "OutputLayer");
        assertThat(r.layer("0").activation()).isEqualTo("identity");
        assertThat(r.layer("0").layer().family()).isEqualTo(ActivationFamily.NONE);
        assertThat(r.layer("0").get(Figure.SATURATED_FRACTION)).isNaN();
        LayerHealth act = r.layer("1");
        assertThat(act.activation()).isEqualTo("tanh");
        assertThat(act.layer().family()).isEqualTo(ActivationFamily.SYMMETRIC);
        assertThat(act.get(Figure.SATURATED_FRACTION)).isBetween(0.0, 1.0);
        assertThat(act.get(Figure.SATURATED_UNITS)).isBetween(0.0, 1.0);
        assertThat(act.layer().hasWeights()).isFalse();
        LayerHealth dropout = r.layer("2");
        assertThat(dropout.layer().hasWeights()).isFalse();
        // DropoutLayer never applies an activation: the inherited global default (sigmoid) must not be judged
        assertThat(dropout.activation()).isEqualTo("none");
        assertThat(dropout.violations()).isEmpty();
        assertSensible(r);
    }

    @Test
    void embeddingIndicesAreNotTheScaleReference() {
        int vocabulary = 1000;
        MultiLayerNetwork net = new MultiLayerNetwork(base(18).weightInit(XavierInit.uniform()).list()
                .layer(new EmbeddingLayer.Builder().nIn(vocabulary).nOut(16).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(16).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(4).activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        DataSet data = Nets.indices(64, vocabulary, 4, 18);
        // the indices' std (~290) against an embedding std (~0.04) would be a scale "collapse" of ~1e-4
        assertThat(data.getFeatures().stdNumber().doubleValue()).isGreaterThan(200);

        HealthReport r = train(net, data);

        assertThat(types(r)).containsExactly("EmbeddingLayer", "DenseLayer", "OutputLayer");
        assertThat(r.layer("0").activation()).isEqualTo("identity");
        assertThat(r.layer("0").get(Figure.SCALE_RATIO)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.violations()).noneMatch(v -> v.condition() == HealthCondition.SCALE_COLLAPSE);
        assertThat(r.layer("0").get(Figure.GRADIENT_NORM)).isGreaterThan(0);
        assertSensible(r);
    }

    // --- (f) global pooling after a convolution ---------------------------------------------------------------

    @Test
    void globalPoolingAfterConvolution() {
        MultiLayerNetwork net = new MultiLayerNetwork(base(19).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(Nets.CLASSES).activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build());
        net.init();

        HealthReport r = train(net, Nets.data(32, 19));

        assertThat(types(r)).containsExactly("ConvolutionLayer", "GlobalPoolingLayer", "OutputLayer");
        assertThat(r.layer("1").activation()).isEqualTo("none");
        assertThat(r.layer("1").layer().family()).isEqualTo(ActivationFamily.NONE);
        // max over 26x26 positions of a ReLU channel: dead only if the channel is dead
        assertThat(r.layer("1").get(Figure.DEAD_UNITS)).isEqualTo(r.layer("0").get(Figure.DEAD_UNITS));
        assertSensible(r);
    }

    // --- activation families ----------------------------------------------------------------------------------

    @Test
    void sigmoidNetUsesTheUnitIntervalReducer() {
        MultiLayerNetwork net = Nets.mlp(2, 64, Activation.SIGMOID, XavierInit.uniform(), Nets.sgd(), 20);

        HealthReport r = train(net, Nets.data(32, 20));

        assertThat(activations(r)).containsExactly("sigmoid", "sigmoid", "softmax");
        for (String hidden : List.of("0", "1")) {
            LayerHealth l = r.layer(hidden);
            assertThat(l.layer().family()).isEqualTo(ActivationFamily.UNIT_INTERVAL);
            assertThat(l.get(Figure.ACTIVATION_MEAN)).isBetween(0.0, 1.0);
            assertThat(l.get(Figure.SATURATED_FRACTION)).isBetween(0.0, 1.0);
            assertThat(l.get(Figure.SATURATED_UNITS)).isBetween(0.0, 1.0);
            assertThat(l.get(Figure.ZERO_FRACTION)).isEqualTo(0.0);
            assertThat(l.get(Figure.DEAD_UNITS)).isEqualTo(0.0);
        }
        assertSensible(r);
    }

    @Test
    void eluAndSeluNetsUseTheLowerAsymptoteReducer() {
        MultiLayerNetwork elu = Nets.mlp(2, 64, Activation.ELU, new HeInit(), Nets.sgd(), 21);
        MultiLayerNetwork selu = Nets.mlp(2, 64, Activation.SELU, new LeCunInit(), Nets.sgd(), 21);
        DataSet data = Nets.data(32, 21);

        HealthReport re = train(elu, data);
        HealthReport rs = train(selu, data);

        for (HealthReport r : List.of(re, rs)) {
            for (String hidden : List.of("0", "1")) {
                LayerHealth l = r.layer(hidden);
                assertThat(l.layer().family()).isEqualTo(ActivationFamily.LOWER_ASYMPTOTE);
                // a fan-scaled init keeps pre-activations near unit scale: few values near the asymptote
                assertThat(l.get(Figure.SATURATED_FRACTION)).isBetween(0.0, 0.25);
                assertThat(l.get(Figure.SATURATED_UNITS)).isBetween(0.0, 1.0);
                assertThat(l.get(Figure.ZERO_FRACTION)).isEqualTo(0.0);
            }
            assertThat(r.violations()).noneMatch(v -> v.condition() == HealthCondition.SATURATION);
            assertSensible(r);
        }
        assertThat(activations(re).get(0)).isEqualTo("elu(alpha=1.0)");
        assertThat(activations(rs).get(0)).isEqualTo("selu");
    }

    @Test
    void leakyReluCountsTheSmallSlopeRegionAsSaturatedButNotAsZero() {
        MultiLayerNetwork net = Nets.mlp(2, 64, Activation.LEAKYRELU, new HeInit(), Nets.sgd(), 22);

        HealthReport r = train(net, Nets.data(32, 22));

        for (String hidden : List.of("0", "1")) {
            LayerHealth l = r.layer(hidden);
            assertThat(l.layer().family()).isEqualTo(ActivationFamily.RECTIFIER);
            assertThat(l.get(Figure.SATURATED_FRACTION)).isBetween(0.2, 0.8);
            assertThat(l.get(Figure.ZERO_FRACTION)).isEqualTo(0.0);
            assertThat(l.get(Figure.DEAD_UNITS)).isEqualTo(0.0);
            assertThat(l.get(Figure.ACTIVATION_MEAN)).isGreaterThan(0);
        }
        assertThat(r.violations()).noneMatch(v -> v.condition() == HealthCondition.DEAD_UNITS
                || v.condition() == HealthCondition.ZERO_ACTIVATIONS);
        assertSensible(r);
    }
}
