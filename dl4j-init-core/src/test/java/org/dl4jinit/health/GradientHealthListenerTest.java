package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.NormalInit;
import org.dl4jinit.init.SmallRandomInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

/** The listener on real networks: the initializations the papers warn about are flagged, good ones are not. */
class GradientHealthListenerTest {

    private static final DataSet BATCH = Nets.data(128, 1);

    private static List<HealthCondition> conditions(HealthReport r, Verdict v) {
        return r.violations().stream().filter(x -> x.verdict() == v).map(Violation::condition).distinct()
                .collect(Collectors.toList());
    }

    @Test
    void zeroInitFailsConditionTwoOnFirstIteration() {
        MultiLayerNetwork net = Nets.mlp(10, 64, Activation.TANH, new ZeroInit(), Nets.sgd(), 1);
        GradientHealthListener listener = new GradientHealthListener();
        net.setListeners(listener);

        net.fit(BATCH);

        HealthReport r = listener.lastReport();
        assertThat(r.iteration()).isEqualTo(0);
        assertThat(r.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(r.verdict(HealthCondition.Group.CONDITION_2_NOT_ZERO)).isEqualTo(Verdict.FAILING);
        assertThat(conditions(r, Verdict.FAILING)).contains(HealthCondition.ZERO_ACTIVATIONS,
                HealthCondition.DEAD_UNITS, HealthCondition.ZERO_GRADIENT);
        assertThat(r.layer("0").get(Figure.ZERO_FRACTION)).isEqualTo(1.0);
        assertThat(r.violations().get(0).message()).contains("layer 0 (DenseLayer, tanh)")
                .contains("condition 2");
        System.out.println(r.toTable());
    }

    @Test
    void tinyGaussianCollapsesScaleAndVanishesGradientsWithinFiveIterations() {
        MultiLayerNetwork net = Nets.mlp(10, 256, Activation.TANH, new SmallRandomInit(), Nets.sgd(), 2);
        GradientHealthListener listener = new GradientHealthListener();
        net.setListeners(listener);

        for (int i = 0; i < 5; i++) {
            net.fit(BATCH);
        }

        HealthReport first = listener.history().get(0);
        assertThat(conditions(first, Verdict.FAILING)).contains(HealthCondition.SCALE_COLLAPSE);
        assertThat(listener.history()).hasSize(5)
                .anySatisfy(r -> assertThat(conditions(r, Verdict.FAILING))
                        .contains(HealthCondition.VANISHING_GRADIENT));
        assertThat(listener.lastReport().verdict()).isEqualTo(Verdict.FAILING);
        double topStd = first.layer("9").get(Figure.ACTIVATION_STD);
        double firstStd = first.layer("0").get(Figure.ACTIVATION_STD);
        assertThat(topStd / firstStd).isLessThan(1e-6);
        System.out.println(first.toTable());
    }

    @Test
    void unitGaussianOn784InputsSaturatesTanh() {
        MultiLayerNetwork net = Nets.mlp(3, 256, Activation.TANH, new NormalInit(0, 1), Nets.sgd(), 3);
        GradientHealthListener listener = new GradientHealthListener();
        net.setListeners(listener);

        net.fit(BATCH);

        HealthReport r = listener.lastReport();
        assertThat(r.verdict(HealthCondition.Group.CONDITION_1_NOT_SATURATED)).isEqualTo(Verdict.FAILING);
        assertThat(r.layer("0").get(Figure.SATURATED_FRACTION)).isGreaterThan(0.5);
        System.out.println(r.toTable());
    }

    @Test
    void heReluTenLayersStaysHealthyFor300Iterations() {
        MultiLayerNetwork net = Nets.mlp(10, 128, Activation.RELU, new HeInit(), Nets.sgd(), 4);
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().historySize(300).build());
        net.setListeners(listener);

        for (int i = 0; i < 300; i++) {
            net.fit(BATCH);
            assertThat(listener.lastReport().violations()).as("iteration %d", i).isEmpty();
        }
        assertThat(listener.history()).hasSize(300);
        System.out.println(listener.lastReport().toTable());
    }

    @Test
    void xavierTanhFiveLayersStaysHealthyFor300Iterations() {
        MultiLayerNetwork net = Nets.mlp(5, 128, Activation.TANH, XavierInit.uniform(), Nets.sgd(), 5);
        GradientHealthListener listener = new GradientHealthListener();
        net.setListeners(listener);

        for (int i = 0; i < 300; i++) {
            net.fit(BATCH);
            assertThat(listener.lastReport().violations()).as("iteration %d", i).isEmpty();
        }
    }

    @Test
    void nanIsNamedAtItsLayerAndThrowPolicyStopsFit() {
        MultiLayerNetwork net = Nets.mlp(6, 64, Activation.TANH, XavierInit.uniform(), Nets.sgd(), 6);
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder()
                .onFailing(HealthPolicy.LOG, HealthPolicy.THROW).build());
        net.setListeners(listener);
        net.fit(BATCH);
        assertThat(listener.lastReport().isHealthy()).isTrue();

        net.getLayer(3).getParam("W").putScalar(0, Double.NaN);

        assertThatThrownBy(() -> net.fit(BATCH)).isInstanceOf(UnhealthyTrainingException.class)
                .hasMessageContaining("layer 3 (DenseLayer, tanh)").hasMessageContaining("NaN/Inf");
        HealthReport r = listener.lastReport();
        assertThat(r.iteration()).isEqualTo(1);
        assertThat(r.violations()).hasSize(1);
        assertThat(r.violations().get(0).where()).isEqualTo("layer 3 (DenseLayer, tanh)");
    }
}
