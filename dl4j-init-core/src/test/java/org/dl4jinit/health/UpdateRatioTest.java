package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dl4jinit.init.HeInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The update:parameter ratio stays within 1% of the exact ratio although the parameter norm is only
 * recomputed when the accumulated updates could have moved it by 1%.
 */
class UpdateRatioTest {

    /** Exact ||update|| / ||W|| of layer 1 after each step. */
    private static final class ExactRatio extends BaseTrainingListener {
        final List<Double> ratios = new ArrayList<>();

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            double u = net.gradient().gradientForVariable().get("1_W").norm2Number().doubleValue();
            double w = net.getLayer(1).getParam("W").norm2Number().doubleValue();
            ratios.add(u / w);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "learning rate {0}")
    @org.junit.jupiter.params.provider.ValueSource(doubles = {1e-2, 1e-4})
    void reportedRatioIsWithinOnePercentOfTheExactRatioEveryIteration(double learningRate) {
        // 1e-2: the norm is recomputed nearly every iteration; 1e-4: mostly carried forward
        MultiLayerNetwork net = Nets.mlp(3, 64, Activation.RELU, new HeInit(), new Adam(learningRate), 21);
        GradientHealthListener health = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing().historySize(60)
                .build());
        ExactRatio exact = new ExactRatio();
        net.setListeners(health, exact);
        DataSet batch = Nets.data(64, 21);

        for (int i = 0; i < 60; i++) {
            net.fit(batch);
        }

        List<HealthReport> history = health.history();
        assertThat(history).hasSize(60);
        for (int i = 0; i < 60; i++) {
            double reported = history.get(i).layer("1").get(Figure.UPDATE_RATIO);
            assertThat(reported).as("iteration %d", i).isCloseTo(exact.ratios.get(i),
                    within(0.0101 * exact.ratios.get(i) + 1e-9));
        }
    }
}
