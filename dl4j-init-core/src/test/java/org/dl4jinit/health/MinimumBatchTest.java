package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.init.ActivationGain;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.XavierInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * With a batch of one or two examples, a healthy ReLU unit is zero "for the whole batch" in about half or a
 * quarter of the iterations: the per-unit figures (dead units, units saturated for the whole batch) are not
 * evidence, so below {@link HealthThresholds#minimumBatch()} they are not measured (NaN) and never judged. From
 * the minimum batch on they are measured and judged as usual.
 */
class MinimumBatchTest {

    private static final DataSet DATA = Nets.data(64, 41);

    private static MultiLayerNetwork reluMlp(double bias) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(41)
                .updater(new Adam(1e-3)).weightInit(new HeInit()).list()
                .layer(new DenseLayer.Builder().nIn(Nets.INPUTS).nOut(8).activation(Activation.RELU).biasInit(bias)
                        .build())
                .layer(new DenseLayer.Builder().nIn(8).nOut(8).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(8).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(4).nOut(Nets.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    private static GradientHealthListener listener() {
        return new GradientHealthListener(HealthConfig.builder().onWarning().onFailing().build());
    }

    /** Trains on consecutive slices of {@code batch} examples, asserting after every iteration. */
    private static void trainInSlices(MultiLayerNetwork net, GradientHealthListener listener, int batch,
            int iterations) {
        for (int i = 0; i < iterations; i++) {
            int from = (i * batch) % DATA.numExamples();
            net.fit(slice(from, batch));
            HealthReport r = listener.lastReport();
            assertThat(r.violations()).as("batch %d, iteration %d", batch, i)
                    .noneMatch(v -> v.condition() == HealthCondition.DEAD_UNITS)
                    .noneMatch(v -> v.figure() == Figure.SATURATED_UNITS);
            for (LayerHealth l : r.layers()) {
                assertThat(l.get(Figure.DEAD_UNITS)).as("%s dead units", l.name()).isNaN();
                assertThat(l.get(Figure.SATURATED_UNITS)).as("%s saturated units", l.name()).isNaN();
            }
        }
    }

    private static org.nd4j.linalg.dataset.api.DataSet slice(int from, int batch) {
        return DATA.getRange(from, from + batch);
    }

    @ParameterizedTest(name = "batch of {0}")
    @ValueSource(ints = {1, 2})
    void healthyReluNetsNeverReportDeadUnitsOnTinyBatches(int batch) {
        MultiLayerNetwork net = reluMlp(0);
        GradientHealthListener listener = listener();
        net.setListeners(listener);

        trainInSlices(net, listener, batch, 40);

        // the other figures are measured as usual
        assertThat(listener.lastReport().layer("0").get(Figure.ZERO_FRACTION)).isBetween(0.0, 1.0);
    }

    @Test
    void aTanhLayerOnABatchOfOneIsNotJudgedOnUnitsSaturatedForTheWholeBatch() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42)
                .updater(new Adam(1e-3)).weightInit(XavierInit.uniform(ActivationGain.TANH)).list()
                .layer(new DenseLayer.Builder().nIn(Nets.INPUTS).nOut(16).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(Nets.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        GradientHealthListener listener = listener();
        net.setListeners(listener);

        trainInSlices(net, listener, 1, 20);
    }

    @Test
    void aConvNetOnABatchOfOneIsNotJudgedOnDeadChannels() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(43)
                .updater(new Adam(1e-3)).weightInit(new HeInit()).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(4).activation(Activation.RELU).biasInit(-1).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(Nets.CLASSES).activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build());
        net.init();
        GradientHealthListener listener = listener();
        net.setListeners(listener);

        trainInSlices(net, listener, 1, 10);
    }

    @Test
    void atTheMinimumBatchADeadLayerIsFoundAsBefore() {
        int batch = HealthThresholds.defaults().minimumBatch();
        MultiLayerNetwork net = reluMlp(-10);
        GradientHealthListener listener = listener();
        net.setListeners(listener);

        net.fit(slice(0, batch));

        HealthReport r = listener.lastReport();
        assertThat(r.layer("0").get(Figure.DEAD_UNITS)).isEqualTo(1.0);
        assertThat(r.layer("0").violations()).anyMatch(v -> v.condition() == HealthCondition.DEAD_UNITS
                && v.verdict() == Verdict.FAILING);
    }

    @Test
    void theMinimumBatchIsConfigurable() {
        MultiLayerNetwork net = reluMlp(-10);
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing()
                .thresholds(HealthThresholds.builder().minimumBatch(1).build()).build());
        net.setListeners(listener);

        net.fit(slice(0, 1));

        assertThat(listener.lastReport().layer("0").get(Figure.DEAD_UNITS)).isEqualTo(1.0);
        assertThat(HealthThresholds.defaults().minimumBatch()).isEqualTo(8);
    }

    @Test
    void thePreFlightCheckAppliesTheSameMinimum() {
        HealthReport tiny = GradientHealth.check(reluMlp(0), slice(0, 2));
        HealthReport enough = GradientHealth.check(reluMlp(0), slice(0, 16));

        assertThat(tiny.layer("0").get(Figure.DEAD_UNITS)).isNaN();
        assertThat(enough.layer("0").get(Figure.DEAD_UNITS)).isBetween(0.0, 1.0);
    }
}
