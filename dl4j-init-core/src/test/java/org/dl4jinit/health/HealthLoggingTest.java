package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.XavierInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.slf4j.LoggerFactory;

/**
 * What the listener logs: nothing for a healthy run, a finding once when it appears and once when it goes away
 * (not every iteration, and not every time a figure wobbles around its threshold), and only findings whose own
 * verdict has the LOG policy.
 */
class HealthLoggingTest {

    private ListAppender<ILoggingEvent> appender;
    private Logger logger;

    @BeforeEach
    void capture() {
        logger = (Logger) LoggerFactory.getLogger(GradientHealthListener.class);
        appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(null);
    }

    private List<ILoggingEvent> lines(Level level) {
        return appender.list.stream().filter(e -> e.getLevel() == level).collect(Collectors.toList());
    }

    @Test
    void aHealthyHeXavierMlpLogsNothingIn200Iterations() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).weightInit(new HeInit())
                        .build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU).weightInit(new HeInit())
                        .build())
                .layer(new DenseLayer.Builder().nIn(128).nOut(64).activation(Activation.RELU).weightInit(new HeInit())
                        .build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(64).nOut(10).activation(Activation.SOFTMAX)
                        .weightInit(new XavierInit()).build())
                .build());
        net.init();
        GradientHealthListener listener = new GradientHealthListener();
        net.setListeners(listener);
        DataSet[] batches = new DataSet[10];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = Nets.data(64, 100 + b);
        }

        for (int i = 0; i < 200; i++) {
            net.fit(batches[i % batches.length]);
        }

        assertThat(listener.history()).hasSize(200);
        assertThat(lines(Level.WARN)).isEmpty();
        assertThat(appender.list).isEmpty();
    }

    /**
     * A 25-unit identity layer with W = I passes its input through, so the fraction of zero activations is exactly
     * the fraction of zeros in the input: k/25 per row, chosen per iteration.
     */
    private static MultiLayerNetwork passThrough() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .updater(new Sgd(0)).list()
                .layer(new DenseLayer.Builder().nIn(25).nOut(25).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(25).nOut(2).activation(Activation.SOFTMAX)
                        .weightInit(new XavierInit()).build())
                .build());
        net.init();
        net.getLayer(0).setParam("W", Nd4j.eye(25).castTo(DataType.FLOAT));
        return net;
    }

    /** 50 rows of 25 features, {@code zeros} of them exactly 0 (at rotating positions), the rest ±1. */
    private static DataSet rowsWithZeros(int zeros) {
        INDArray x = Nd4j.create(DataType.FLOAT, 50, 25);
        INDArray y = Nd4j.create(DataType.FLOAT, 50, 2);
        for (int r = 0; r < 50; r++) {
            for (int c = 0; c < 25; c++) {
                boolean zero = Math.floorMod(c - r, 25) < zeros;
                x.putScalar(r, c, zero ? 0 : (((r * 7 + c * 3) % 5) < 2 ? -1 : 1));
            }
            y.putScalar(r, r % 2, 1);
        }
        return new DataSet(x, y);
    }

    private static GradientHealthListener zeroFractionListener(HealthThresholds thresholds) {
        return new GradientHealthListener(HealthConfig.builder().thresholds(thresholds).build());
    }

    private static HealthThresholds.Builder thresholds() {
        // no update at all (learning rate 0): the update-ratio check is switched off
        return HealthThresholds.builder().updateRatio(0, 0.1);
    }

    @Test
    void aFigureWobblingAroundItsThresholdIsLoggedOnceAndEachEnterLeavePairInTwoLines() {
        MultiLayerNetwork net = passThrough();
        GradientHealthListener listener = zeroFractionListener(thresholds().build());
        net.setListeners(listener);
        // 13/25 = 0.52 enters the WARNING (above 0.5); 12/25 = 0.48 is within the 0.05 margin: it stays
        int[] wobble = {13, 12, 13, 12, 13, 12, 13, 12};
        for (int k : wobble) {
            net.fit(rowsWithZeros(k));
            assertThat(listener.lastReport().layer("0").verdict()).isEqualTo(Verdict.WARNING);
        }
        assertThat(lines(Level.WARN)).hasSize(1);
        assertThat(lines(Level.WARN).get(0).getFormattedMessage()).contains("iteration 0: layer 0 (DenseLayer, "
                + "identity): WARNING condition 2 (activations not zero): fraction of zero activations = 0.5200");
        assertThat(lines(Level.INFO)).isEmpty();

        // 5/25 = 0.2 leaves, 20/25 = 0.8 enters: three enter-leave pairs, two lines each
        appender.list.clear();
        for (int k : new int[] {5, 20, 5, 20, 5, 20, 5}) {
            net.fit(rowsWithZeros(k));
        }
        assertThat(lines(Level.WARN)).hasSize(3);
        assertThat(lines(Level.INFO)).hasSize(4).allSatisfy(e -> assertThat(e.getFormattedMessage())
                .endsWith("gradient health is back to HEALTHY"));
        assertThat(listener.history()).hasSize(15);
    }

    @Test
    void withoutTheMarginEveryCrossingIsAPairOfLinesNeverMore() {
        MultiLayerNetwork net = passThrough();
        net.setListeners(zeroFractionListener(thresholds().hysteresis(0, 1).build()));
        for (int k : new int[] {13, 12, 13, 12, 13, 12}) {
            net.fit(rowsWithZeros(k));
        }
        assertThat(lines(Level.WARN)).hasSize(3);
        assertThat(lines(Level.INFO)).hasSize(3);
    }

    @Test
    void aPersistentFindingIsSummarizedNotRepeated() {
        MultiLayerNetwork net = passThrough();
        net.setListeners(new GradientHealthListener(HealthConfig.builder().thresholds(thresholds().build())
                .summaryEvery(10).build()));
        for (int i = 0; i < 25; i++) {
            net.fit(rowsWithZeros(20));
        }
        assertThat(lines(Level.WARN)).hasSize(1);
        assertThat(lines(Level.INFO)).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "iteration 10: 1 finding(s) persist since iteration 0 (verdict WARNING); headline: layer 0 "
                        + "(DenseLayer, identity): WARNING condition 2 (activations not zero): fraction of zero "
                        + "activations = 0.8000 (warn threshold 0.5000)",
                "iteration 20: 1 finding(s) persist since iteration 0 (verdict WARNING); headline: layer 0 "
                        + "(DenseLayer, identity): WARNING condition 2 (activations not zero): fraction of zero "
                        + "activations = 0.8000 (warn threshold 0.5000)");
    }

    @Test
    void onWarningWithoutPoliciesLogsNoWarningFindingEvenInAFailingIteration() {
        MultiLayerNetwork net = Nets.mlp(3, 16, Activation.RELU, new HeInit(), Nets.sgd(), 8);
        // thresholds that make half-zero ReLU outputs FAILING and their (healthy) update ratio a WARNING
        HealthThresholds strict = HealthThresholds.builder().rectifierZeroRegion(0.3, 0.4).updateRatio(1e-7, 1e-5)
                .build();
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().thresholds(strict)
                .onWarning().onFailing(HealthPolicy.LOG).build());
        net.setListeners(listener);

        net.fit(Nets.data(32, 8));

        HealthReport r = listener.lastReport();
        assertThat(r.isFailing()).isTrue();
        assertThat(r.violations()).as("the iteration has WARNING findings too")
                .anyMatch(v -> v.verdict() == Verdict.WARNING);
        assertThat(lines(Level.WARN)).hasSize(1);
        String line = lines(Level.WARN).get(0).getFormattedMessage();
        assertThat(line).startsWith("iteration 0: layer 0 (DenseLayer, relu): FAILING").doesNotContain("WARNING")
                .doesNotContain("update:parameter ratio");
        long failing = r.violations().stream().filter(v -> v.verdict() == Verdict.FAILING).count();
        assertThat(line).contains("(+" + (failing - 1) + " more new: ");
    }
}
