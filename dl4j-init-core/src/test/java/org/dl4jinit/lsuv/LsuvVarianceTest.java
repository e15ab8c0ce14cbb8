package org.dl4jinit.lsuv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.init.XavierInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;

/** Must-show 1: after LSUV every weighted layer has unit pre-activation variance on a held-out batch. */
class LsuvVarianceTest {

    private static final double TOL = Lsuv.DEFAULT_TOLERANCE;

    private static DataSet[] trainAndHeldOut(long seed) {
        DataSet all = LsuvNets.data(512, seed);
        SplitTestAndTrain split = all.splitTestAndTrain(256);
        return new DataSet[] {split.getTrain(), split.getTest()};
    }

    @Test
    void tenLayerReluMlpHasUnitVarianceInEveryWeightedLayerOnAHeldOutBatch() {
        DataSet[] data = trainAndHeldOut(1);
        MultiLayerNetwork net = LsuvNets.mlp(10, 128, Activation.RELU, new XavierInit(), 42);

        LsuvReport report = Lsuv.defaults().apply(net, data[0]);
        System.out.println(report.toTable());

        assertThat(report.layers()).hasSize(11);
        assertThat(report.layers()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(LayerResult.Status.CONVERGED);
            assertThat(r.finalVariance()).isCloseTo(1.0, within(TOL));
            assertThat(r.iterations()).isBetween(0, Lsuv.DEFAULT_MAX_ITERATIONS);
        });
        List<Double> heldOut = LsuvNets.preActivationVariances(net, data[1].getFeatures());
        System.out.println("held-out pre-activation variances: " + heldOut);
        assertThat(heldOut).hasSize(11).allSatisfy(v -> assertThat(v).isCloseTo(1.0, within(TOL)));
        assertThat(LsuvNets.allFinite(net)).isTrue();
    }

    @Test
    void cnnWithPoolingAndDenseHasUnitVarianceInEveryWeightedLayerOnAHeldOutBatch() {
        DataSet[] data = trainAndHeldOut(2);
        MultiLayerNetwork net = LsuvNets.cnn(new XavierInit(), 7);

        LsuvReport report = Lsuv.defaults().apply(net, data[0]);
        System.out.println(report.toTable());

        assertThat(report.processed()).extracting(LayerResult::type)
                .containsExactly("ConvolutionLayer", "ConvolutionLayer", "DenseLayer", "OutputLayer");
        assertThat(report.skipped()).extracting(LayerResult::type)
                .containsExactly("SubsamplingLayer", "SubsamplingLayer");
        assertThat(report.skipped()).allSatisfy(r -> assertThat(r.reason()).contains("no weights"));
        assertThat(report.processed()).allSatisfy(r -> assertThat(r.finalVariance()).isCloseTo(1.0, within(TOL)));
        List<Double> heldOut = LsuvNets.preActivationVariances(net, data[1].getFeatures());
        System.out.println("held-out pre-activation variances: " + heldOut);
        for (int i : new int[] {0, 2, 4, 5}) {
            assertThat(heldOut.get(i)).as("layer %d", i).isCloseTo(1.0, within(TOL));
        }
        assertThat(LsuvNets.allFinite(net)).isTrue();
    }
}
