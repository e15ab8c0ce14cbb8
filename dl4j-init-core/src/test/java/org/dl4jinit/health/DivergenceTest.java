package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.init.ActivationGain;
import org.dl4jinit.init.XavierInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A divergence is reported where it starts, with the non-finite figure itself; every other layer is "not measured
 * (diverged upstream)", never HEALTHY.
 */
class DivergenceTest {

    @Test
    void theNanFindingShowsTheNonFiniteFigureAndLaterLayersAreNotMeasured() {
        MultiLayerNetwork net = Nets.mlp(5, 32, Activation.TANH, XavierInit.uniform(ActivationGain.TANH),
                Nets.sgd(), 9);
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing()
                .build());
        net.setListeners(listener);
        DataSet batch = Nets.data(32, 9);
        net.fit(batch);
        net.getLayer(2).getParam("W").putScalar(0, Double.NaN);

        net.fit(batch);

        HealthReport r = listener.lastReport();
        Violation v = r.headline().orElseThrow();
        assertThat(v.condition()).isEqualTo(HealthCondition.NON_FINITE);
        assertThat(v.layerIndex()).isEqualTo(2);
        assertThat(v.figure()).isIn(Figure.ACTIVATION_MEAN, Figure.ACTIVATION_STD);
        assertThat(v.value()).as("the non-finite figure itself, not a finite value from elsewhere").isNaN();
        assertThat(r.violations()).containsExactly(v);
        for (LayerHealth l : r.layers()) {
            assertThat(l.verdict()).as(l.toString()).isNotEqualTo(Verdict.HEALTHY);
            if (l.layer().index() != 2) {
                assertThat(l.verdict()).isEqualTo(Verdict.NOT_MEASURED);
                assertThat(l.measured()).isFalse();
            }
        }
        assertThat(r.toTable()).contains("not measured (diverged upstream)");
        assertThat(r.layer("3").toString()).isEqualTo("layer 3 (DenseLayer, tanh): not measured (diverged upstream)");
    }
}
