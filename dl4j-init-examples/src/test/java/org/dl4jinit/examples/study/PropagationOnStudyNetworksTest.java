package org.dl4jinit.examples.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.examples.data.FashionMnist;
import org.dl4jinit.examples.data.FashionMnistData;
import org.dl4jinit.examples.data.FashionMnistDirectory;
import org.dl4jinit.examples.data.FashionMnistIterator;
import org.dl4jinit.examples.data.PixelScaling;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.propagation.InputMoments;
import org.dl4jinit.propagation.LayerPrediction;
import org.dl4jinit.propagation.PropagationOptions;
import org.dl4jinit.propagation.PropagationReport;
import org.dl4jinit.propagation.SignalPropagation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Must-show 1 of the signal-propagation analysis, on the study's networks at iteration 0 on standardized
 * Fashion-MNIST (the Debian package {@code .ci/run} installs; without it the test is skipped, unless
 * {@code DL4JINIT_REQUIRE_DATA=1} makes its absence a failure).
 *
 * <p>The analysis gets the configuration and the input moments of the batch the network sees
 * ({@link InputMoments#ofBatch}: per-example second moments and cross-example products of the pixels, with the
 * labels), never an activation. It must give (1) the listener's verdicts of the first iteration, (2) for the tanh
 * and sigmoid nets every layer's activation std within 10% of the listener's, and (3) over five seeds (weights
 * and batch) the exact activation std inside the predicted finite-width band for at least 95% of the layers of
 * every net, while ±1 of the band's standard deviations (nominal 68%) holds fewer than 90% of the layers predicted
 * non-zero (a band too wide to miss would pass the first part). (3) measures in double precision: the listener
 * accumulates squares in float lanes, which underflow for the N(0,1)·0.001 ReLU net's layers below about 1e-19 and
 * read their std too small.
 */
class PropagationOnStudyNetworksTest {

    private static FashionMnistData train;
    private static PixelScaling scaling;

    /** The must-show cells: 30×256 ReLU (He, Xavier, N(0,1)·0.001), 10×256 tanh (U[±1/√n], Xavier), 4×1000 sigmoid. */
    static List<Object[]> cells() {
        StudyPlan plan = StudyPlan.defaults();
        List<Object[]> cells = new ArrayList<>();
        for (Experiment e : plan.experiments()) {
            for (StudyInit init : e.inits()) {
                boolean wanted = init == StudyInit.HE || init == StudyInit.XAVIER || init == StudyInit.STANDARD
                        || init == StudyInit.TINY && e.architecture().activation() == Activation.RELU;
                if (wanted) {
                    cells.add(new Object[] {new Cell(e.architecture(), init), e.batchSize()});
                }
            }
        }
        return cells;
    }

    @BeforeAll
    static void data() throws Exception {
        Path dir = FashionMnistDirectory.DEFAULT_DIRECTORY;
        if (!"1".equals(System.getenv("DL4JINIT_REQUIRE_DATA"))) {
            Assumptions.assumeTrue(Files.isDirectory(dir), dir + " absent: apt-get install dataset-fashion-mnist");
        }
        train = FashionMnistData.load(dir, FashionMnist.Split.TRAIN);
        scaling = PixelScaling.standardize(train);
    }

    private static DataSet firstBatch(int batchSize, long seed) {
        return FashionMnistIterator.builder(train).batchSize(batchSize).scaling(scaling).shuffle(seed).build().next();
    }

    private static PropagationReport predict(MultiLayerNetwork net, DataSet batch) {
        return SignalPropagation.analyze(net.getLayerWiseConfigurations(), PropagationOptions.builder()
                .input(InputMoments.ofBatch(batch.getFeatures(), batch.getLabels()))
                .batchSize(batch.numExamples()).build());
    }

    @Test
    void predictedVerdictsAreTheListenersAndTanhAndSigmoidStdsWithinTenPercent() {
        StudyPlan plan = StudyPlan.defaults();
        List<String> rows = new ArrayList<>();
        for (Object[] c : cells()) {
            Cell cell = (Cell) c[0];
            int batchSize = (Integer) c[1];
            MultiLayerNetwork net = cell.architecture().build(cell.init().weightInit(), plan.seed(),
                    plan.learningRate(), plan.momentum());
            DataSet batch = firstBatch(batchSize, plan.seed());
            PropagationReport predicted = predict(net, batch);
            GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing().build());
            net.setListeners(listener);
            net.fit(batch);
            HealthReport measured = listener.lastReport();

            for (HealthCondition.Group g : HealthCondition.Group.values()) {
                assertThat(predicted.verdict(g)).as("%s %s%n%s%n%s", cell.id(), g, measured.toTable(),
                        predicted.toTable()).isEqualTo(measured.verdict(g));
            }
            double worst = 0;
            int worstLayer = -1;
            for (int l = 0; l < cell.architecture().depth(); l++) {
                double m = measured.layers().get(l).get(Figure.ACTIVATION_STD);
                double p = predicted.layers().get(l).std();
                if (m > 0 && Math.abs(p / m - 1) > worst) {
                    worst = Math.abs(p / m - 1);
                    worstLayer = l;
                }
                if (cell.architecture().activation() != Activation.RELU) {
                    assertThat(p / m).as("%s layer %d std", cell.id(), l).isCloseTo(1, within(0.10));
                }
            }
            rows.add(String.format(Locale.ROOT, "| %s | %s / %s / %s | %s / %s / %s | %.1f%% (layer %d) |",
                    cell.id(),
                    measured.verdict(HealthCondition.Group.CONDITION_1_NOT_SATURATED),
                    measured.verdict(HealthCondition.Group.CONDITION_2_NOT_ZERO),
                    measured.verdict(HealthCondition.Group.GRADIENTS),
                    predicted.verdict(HealthCondition.Group.CONDITION_1_NOT_SATURATED),
                    predicted.verdict(HealthCondition.Group.CONDITION_2_NOT_ZERO),
                    predicted.verdict(HealthCondition.Group.GRADIENTS), 100 * worst, worstLayer));
        }
        rows.forEach(System.out::println);
    }

    @Test
    void overFiveSeedsTheMeasuredStdLiesInTheBandForNinetyFivePercentOfLayers() {
        StudyPlan plan = StudyPlan.defaults();
        int nonZero = 0;
        int nonZeroWithin1sd = 0;
        for (Object[] c : cells()) {
            Cell cell = (Cell) c[0];
            int batchSize = (Integer) c[1];
            int inside = 0;
            int within1sd = 0;
            int total = 0;
            StringBuilder outside = new StringBuilder();
            for (long seed = plan.seed(); seed < plan.seed() + 5; seed++) {
                MultiLayerNetwork net = cell.architecture().build(cell.init().weightInit(), seed,
                        plan.learningRate(), plan.momentum());
                DataSet batch = firstBatch(batchSize, seed);
                PropagationReport predicted = predict(net, batch);
                List<INDArray> acts = net.feedForward(batch.getFeatures(), true);
                for (int l = 0; l < cell.architecture().depth(); l++) {
                    double std = exactStd(acts.get(l + 1));
                    LayerPrediction p = predicted.layers().get(l);
                    boolean in = p.std() == 0 ? std == 0 : p.inBand(std);
                    inside += in ? 1 : 0;
                    if (!in) {
                        outside.append(String.format(Locale.ROOT, " seed %d layer %d: %.4g outside %.4g..%.4g;", seed,
                                l, std, p.stdLow(), p.stdHigh()));
                    }
                    double halfWidth = Math.log(p.stdHigh() / p.std()) / PropagationOptions.DEFAULT_BAND;
                    boolean close = p.std() == 0 || Math.abs(Math.log(std / p.std())) <= halfWidth;
                    within1sd += close ? 1 : 0;
                    if (p.std() > 0) {
                        nonZero++;
                        nonZeroWithin1sd += close ? 1 : 0;
                    }
                    total++;
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %d/%d (%.1f%%) | %.0f%% |%s%n", cell.id(), inside, total,
                    100.0 * inside / total, 100.0 * within1sd / total, outside);
            assertThat((double) inside / total).as("%s: layers inside the band over 5 seeds", cell.id())
                    .isGreaterThanOrEqualTo(0.95);
        }
        // the band is not so wide that it cannot miss: ±1 of its standard deviations (nominal 68%) holds at most
        // 90% of the layers predicted non-zero, over all nets
        System.out.printf(Locale.ROOT, "inside ±1 sd, layers predicted non-zero, all nets: %d/%d (%.0f%%)%n",
                nonZeroWithin1sd, nonZero, 100.0 * nonZeroWithin1sd / nonZero);
        assertThat((double) nonZeroWithin1sd / nonZero).as("layers within ±1 sd of the prediction").isLessThan(0.90);
    }

    /** Population std over every value, in double precision. */
    private static double exactStd(INDArray a) {
        double[] x = a.castTo(DataType.DOUBLE).dup().data().asDouble();
        double s = 0;
        for (double v : x) {
            s += v;
        }
        double mean = s / x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / x.length);
    }
}
