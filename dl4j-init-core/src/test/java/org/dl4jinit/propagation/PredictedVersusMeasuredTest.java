package org.dl4jinit.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.health.Figure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Must-show 3: a CNN (with and without batch normalization) and a residual graph (ElementWiseVertex add), the
 * predictions against an exhaustive double-precision measurement of the initialized networks on one batch — the
 * mean over four weight draws, since a prediction is an expectation and one draw differs from it by its
 * finite-width band.
 *
 * <p>Within 20%: every layer's activation std (measured: within 6.3%) and zero fraction (within 0.03), the weight
 * gradient RMS of dense layers outside residual blocks. The stated gaps, asserted as the bounds they are:
 * <ul>
 *   <li>Convolution weight gradients, −48% to −63%. A convolution's weight gradient sums x·δ over the positions
 *       of each example, where both the input patch and the back-propagated error are correlated over a few
 *       pixels (a smooth image, overlapping windows, max pooling routing the error to the largest input of each
 *       window). The analysis keeps one correlation for two random values of a channel, so the sum over nearby
 *       positions is missed.</li>
 *   <li>Weights inside residual blocks, −10% (last block) to −28% (first block), the stem below them −24%. Through the identity
 *       path the same unit carries its value and the error from the next block: a unit whose ReLU is open now is
 *       more likely open in the next block, where its error passes. The analysis multiplies the mask's and the
 *       error's mean squares as if independent, which underestimates the error's mean square by about 10% per
 *       block going down. Per example the forward and backward signals are independent (measured: E[|x|²|δ|²]
 *       within 3% of E|x|²·E|δ|²); the gap is in E|δ|² alone.</li>
 * </ul>
 */
class PredictedVersusMeasuredTest {

    private static final int BATCH = 64;
    private static final int DRAWS = 4;

    @ParameterizedTest(name = "batch normalization {0}")
    @ValueSource(booleans = {false, true})
    void cnnActivationsWithinTwentyPercent(boolean batchNorm) {
        DataSet data = Fixtures.images(BATCH, 11);
        List<Measured> runs = new ArrayList<>();
        for (long seed = 1; seed <= DRAWS; seed++) {
            MultiLayerNetwork net = new MultiLayerNetwork(Fixtures.cnn(batchNorm, seed));
            net.init();
            runs.add(Measured.of(net, data));
        }
        MultiLayerConfiguration conf = Fixtures.cnn(batchNorm, 1);
        PropagationReport p = SignalPropagation.analyze(conf, PropagationOptions.builder()
                .input(InputMoments.ofBatch(data.getFeatures(), data.getLabels())).batchSize(BATCH)
                .inputTypes(InputType.convolutional(28, 28, 1)).build());

        for (LayerPrediction l : p.layers()) {
            print(batchNorm ? "CNN with batch normalization" : "CNN", l, runs);
            String name = l.name();
            if (l.layer().output()) {
                assertThat(l.get(Figure.GRADIENT_RMS) / Measured.mean(runs, name, 3)).as("output gradient RMS")
                        .isCloseTo(1, within(0.2));
                continue;
            }
            assertThat(l.std() / Measured.mean(runs, name, 1)).as("%s std", l.layer().describe())
                    .isCloseTo(1, within(0.2));
            assertThat(l.get(Figure.ZERO_FRACTION)).as("%s zero fraction", l.layer().describe())
                    .isCloseTo(Measured.mean(runs, name, 2), within(0.03));
            double grad = Measured.mean(runs, name, 3);
            if (l.layer().type().equals("DenseLayer")) {
                assertThat(l.get(Figure.GRADIENT_RMS) / grad).as("dense gradient RMS").isCloseTo(1, within(0.2));
            } else if (l.layer().type().equals("ConvolutionLayer")) {
                // the stated gap (class documentation): within-example spatial correlations are not tracked
                assertThat(l.get(Figure.GRADIENT_RMS) / grad).as("convolution gradient RMS").isBetween(1 / 3.0, 1.0);
            }
        }
    }

    @Test
    void residualGraphActivationsWithinTwentyPercent() {
        DataSet images = Fixtures.images(BATCH, 11);
        DataSet data = new DataSet(images.getFeatures().reshape(BATCH, 784), images.getLabels());
        List<Measured> runs = new ArrayList<>();
        for (long seed = 1; seed <= DRAWS; seed++) {
            ComputationGraph net = new ComputationGraph(Fixtures.residual(seed));
            net.init();
            runs.add(Measured.of(net, data));
        }
        ComputationGraphConfiguration conf = Fixtures.residual(1);
        PropagationReport p = SignalPropagation.analyze(conf, PropagationOptions.builder()
                .input(InputMoments.ofBatch(data.getFeatures(), data.getLabels())).batchSize(BATCH).build());

        for (LayerPrediction l : p.layers()) {
            print("residual MLP", l, runs);
            String name = l.name();
            double grad = Measured.mean(runs, name, 3);
            if (l.layer().output()) {
                assertThat(l.get(Figure.GRADIENT_RMS) / grad).as("output gradient RMS").isCloseTo(1, within(0.2));
                continue;
            }
            assertThat(l.std() / Measured.mean(runs, name, 1)).as("%s std", l.layer().describe())
                    .isCloseTo(1, within(0.2));
            assertThat(l.get(Figure.ZERO_FRACTION)).as("%s zero fraction", l.layer().describe())
                    .isCloseTo(Measured.mean(runs, name, 2), within(0.03));
            if (l.layer().hasWeights()) {
                // the stated gap (class documentation): skip connections correlate masks and errors
                assertThat(l.get(Figure.GRADIENT_RMS) / grad).as("%s gradient RMS", name).isBetween(0.6, 1.2);
            }
        }
        assertThat(p.layer("add0").modelling()).isEqualTo(Modelling.APPROXIMATED);
        assertThat(p.layer("add0").note()).contains("independent");
    }

    /** A row of docs/propagation.md's table: predicted vs measured, relative (the zero fraction: difference). */
    private static void print(String network, LayerPrediction l, List<Measured> runs) {
        String name = l.name();
        System.out.printf(Locale.ROOT, "| %s | %s | %+.1f%% | %+.3f | %+.1f%% |%n", network, l.layer().describe(),
                l.layer().output() ? Double.NaN : 100 * (l.std() / Measured.mean(runs, name, 1) - 1),
                l.layer().output() ? Double.NaN : l.get(Figure.ZERO_FRACTION) - Measured.mean(runs, name, 2),
                100 * (l.get(Figure.GRADIENT_RMS) / Measured.mean(runs, name, 3) - 1));
    }
}
