package org.dl4jinit.lsuv;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.GradientHealth;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.init.SmallRandomInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

/** Must-show 2: a 20-layer tanh MLP that does not train from N(0,1)·0.001 trains after LSUV. */
class LsuvTrainingTest {

    private static final int ITERATIONS = 200;

    private static double[] train(MultiLayerNetwork net, DataSet data) {
        double before = net.score(data);
        for (int i = 0; i < ITERATIONS; i++) {
            net.fit(data);
        }
        return new double[] {before, net.score(data)};
    }

    @Test
    void deepTanhMlpFromSmallRandomTrainsOnlyAfterLsuv() {
        DataSet data = LsuvNets.data(128, 3);
        MultiLayerNetwork plain = LsuvNets.mlp(20, 64, Activation.TANH, new SmallRandomInit(), 11);
        MultiLayerNetwork lsuv = LsuvNets.mlp(20, 64, Activation.TANH, new SmallRandomInit(), 11);
        LsuvReport report = Lsuv.defaults().apply(lsuv, data);
        assertThat(report.converged()).isTrue();

        double[] p = train(plain, data);
        double[] l = train(lsuv, data);
        System.out.printf("20-layer tanh, SmallRandomInit: loss %.4f -> %.4f; after LSUV: %.4f -> %.4f%n",
                p[0], p[1], l[0], l[1]);

        assertThat(p[0] - p[1]).as("plain loss drop").isLessThan(0.05);
        assertThat(l[1]).as("LSUV final loss").isLessThan(0.5 * l[0]);
        assertThat(LsuvNets.allFinite(lsuv)).isTrue();
    }

    @Test
    void lsuvReportAndPreflightCheckAgreeHiddenLayersAreUnitScaleAndNotSaturated() {
        DataSet data = LsuvNets.data(128, 4);
        MultiLayerNetwork net = LsuvNets.mlp(20, 64, Activation.TANH, new SmallRandomInit(), 5);
        HealthReport before = GradientHealth.check(net, data);
        LsuvReport report = Lsuv.defaults().apply(net, data);
        HealthReport after = GradientHealth.check(net, data);
        System.out.println(before.toTable());
        System.out.println(after.toTable());

        assertThat(report.processed()).hasSize(21);
        assertThat(before.verdict(HealthCondition.Group.CONDITION_2_NOT_ZERO)).isNotEqualTo(Verdict.HEALTHY);
        assertThat(after.verdict(HealthCondition.Group.CONDITION_1_NOT_SATURATED)).isEqualTo(Verdict.HEALTHY);
        assertThat(after.verdict(HealthCondition.Group.CONDITION_2_NOT_ZERO)).isEqualTo(Verdict.HEALTHY);
    }
}
