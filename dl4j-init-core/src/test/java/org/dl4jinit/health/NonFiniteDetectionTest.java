package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dl4jinit.init.HeInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A He MLP at learning rate 10 diverges: its activations grow to ~1e31 within three iterations while still
 * finite, then turn NaN. The listener must call NaN/Inf exactly what an exhaustive check of the same arrays
 * calls NaN/Inf — huge finite activations are reduced, not reported as "NaN/Inf … check the input data".
 */
class NonFiniteDetectionTest {

    /** Per iteration and layer: whether the activations and the weight gradient hold a NaN or an infinity. */
    private static final class Exhaustive extends BaseTrainingListener {
        final Map<Integer, boolean[]> activations = new HashMap<>();
        final Map<Integer, boolean[]> gradients = new HashMap<>();
        final Map<Integer, Double> largestFinite = new HashMap<>();

        @Override
        public void onForwardPass(Model model, List<INDArray> acts) {
            int iteration = ((MultiLayerNetwork) model).getIterationCount();
            boolean[] nonFinite = new boolean[acts.size() - 1];
            double largest = 0;
            for (int i = 1; i < acts.size(); i++) {
                for (double x : acts.get(i).castTo(DataType.DOUBLE).dup().data().asDouble()) {
                    nonFinite[i - 1] |= !Double.isFinite(x);
                    largest = Double.isFinite(x) ? Math.max(largest, Math.abs(x)) : largest;
                }
            }
            activations.put(iteration, nonFinite);
            largestFinite.put(iteration, largest);
        }

        @Override
        public void onGradientCalculation(Model model) {
            int iteration = ((MultiLayerNetwork) model).getIterationCount();
            int layers = ((MultiLayerNetwork) model).getnLayers();
            boolean[] nonFinite = new boolean[layers];
            for (int l = 0; l < layers; l++) {
                INDArray g = model.gradient().gradientForVariable().get(l + "_W");
                for (double x : g.castTo(DataType.DOUBLE).dup().data().asDouble()) {
                    nonFinite[l] |= !Double.isFinite(x);
                }
            }
            gradients.put(iteration, nonFinite);
        }
    }

    @Test
    void aHeMlpAtLearningRateTenIsCalledNonFiniteExactlyWhereItsValuesAre() {
        MultiLayerNetwork net = Nets.mlp(3, 256, Activation.RELU, new HeInit(), new Sgd(10), 1);
        DataSet data = Nets.data(128, 1);
        GradientHealthListener health =
                new GradientHealthListener(HealthConfig.builder().onWarning().onFailing().build());
        Exhaustive exhaustive = new Exhaustive();
        net.setListeners(health, exhaustive);

        boolean hugeButFinite = false;
        for (int i = 0; i < 6; i++) {
            net.fit(data);
            HealthReport report = health.lastReport();
            int iteration = report.iteration();
            boolean[] activations = exhaustive.activations.get(iteration);
            boolean[] gradients = exhaustive.gradients.get(iteration);
            for (LayerHealth layer : report.layers()) {
                int l = layer.layer().index();
                if (l < activations.length) {
                    assertThat(layer.get(Figure.NON_FINITE_ACTIVATIONS))
                            .as("iteration %d, layer %d: activations non-finite", iteration, l)
                            .isEqualTo(activations[l] ? 1.0 : 0.0);
                }
                assertThat(layer.get(Figure.NON_FINITE_GRADIENTS))
                        .as("iteration %d, layer %d: weight gradient non-finite", iteration, l)
                        .isEqualTo(gradients[l] ? 1.0 : 0.0);
            }
            boolean anyNonFinite = false;
            for (boolean b : activations) {
                anyNonFinite |= b;
            }
            // float sums of squares overflow above ≈1.8e19
            hugeButFinite |= !anyNonFinite && exhaustive.largestFinite.get(iteration) > 1e19;
        }
        assertThat(hugeButFinite).as("an iteration with finite activations above 1e19").isTrue();
    }
}
