package org.dl4jinit.examples.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dl4jinit.examples.study.Results.cell;

import java.util.List;
import org.dl4jinit.health.Verdict;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

/** Each finding's rule reproduces on the paper's picture and does not on its opposite. */
class PublishedFindingTest {

    private static FindingCheck.Outcome outcome(PublishedFinding f, CellResult... cells) {
        return f.check(List.of(cells)).outcome();
    }

    @Test
    void badInitsMustFailConditionTwoInEveryDeepCell() {
        PublishedFinding f = PublishedFinding.BAD_INITS_FAIL_CONDITION_2;
        CellResult zeroFails = cell(Activation.RELU, 30, StudyInit.ZERO, 2.3, 2.3, Verdict.FAILING, 0);
        CellResult tinyFails = cell(Activation.RELU, 30, StudyInit.TINY, 2.3, 2.3, Verdict.FAILING, 3);
        CellResult tinyHealthy = cell(Activation.TANH, 10, StudyInit.TINY, 2.3, 2.3, Verdict.HEALTHY, -1);
        CellResult shallowZero = cell(Activation.RELU, 3, StudyInit.ZERO, 2.3, 2.3, Verdict.HEALTHY, -1);

        assertThat(outcome(f, zeroFails, tinyFails, shallowZero)).isEqualTo(FindingCheck.Outcome.REPRODUCED);
        assertThat(outcome(f, zeroFails, tinyHealthy)).isEqualTo(FindingCheck.Outcome.NOT_REPRODUCED);
        assertThat(outcome(f, shallowZero)).isEqualTo(FindingCheck.Outcome.NOT_RUN);
        assertThat(f.check(List.of(zeroFails, tinyHealthy)).evidence())
                .contains("relu-30x16/zero failed at iteration 0 (layer 0: dead)")
                .contains("tanh-10x16/tiny never failed condition 2");
    }

    @Test
    void heMustTrainAndXavierLagInADeepReluNet() {
        PublishedFinding f = PublishedFinding.HE_TRAINS_DEEP_RELU;
        CellResult he = cell(Activation.RELU, 30, StudyInit.HE, 2.6, 1.1, Verdict.HEALTHY, -1);
        CellResult xavierStalls = cell(Activation.RELU, 30, StudyInit.XAVIER, 2.3, 2.3, Verdict.HEALTHY, -1);
        CellResult xavierAsGood = cell(Activation.RELU, 30, StudyInit.XAVIER, 2.3, 1.05, Verdict.HEALTHY, -1);
        CellResult heStalls = cell(Activation.RELU, 30, StudyInit.HE, 2.3, 2.25, Verdict.HEALTHY, -1);
        CellResult shallowHe = cell(Activation.RELU, 10, StudyInit.HE, 2.6, 1.1, Verdict.HEALTHY, -1);

        assertThat(outcome(f, he, xavierStalls)).isEqualTo(FindingCheck.Outcome.REPRODUCED);
        assertThat(outcome(f, he, xavierAsGood)).isEqualTo(FindingCheck.Outcome.NOT_REPRODUCED);
        assertThat(outcome(f, heStalls, xavierStalls)).isEqualTo(FindingCheck.Outcome.NOT_REPRODUCED);
        assertThat(outcome(f, shallowHe, xavierStalls)).isEqualTo(FindingCheck.Outcome.NOT_RUN);
    }

    @Test
    void xavierMustBeatTheStandardInitWithTanh() {
        PublishedFinding f = PublishedFinding.XAVIER_BEATS_STANDARD_TANH;
        CellResult xavier = cell(Activation.TANH, 10, StudyInit.XAVIER, 2.3, 0.4, Verdict.HEALTHY, -1);
        CellResult standard = cell(Activation.TANH, 10, StudyInit.STANDARD, 2.3, 0.8, Verdict.HEALTHY, -1);
        CellResult standardAsGood = cell(Activation.TANH, 10, StudyInit.STANDARD, 2.3, 0.38, Verdict.HEALTHY, -1);

        assertThat(outcome(f, xavier, standard)).isEqualTo(FindingCheck.Outcome.REPRODUCED);
        assertThat(outcome(f, xavier, standardAsGood)).isEqualTo(FindingCheck.Outcome.NOT_REPRODUCED);
        assertThat(outcome(f, xavier)).isEqualTo(FindingCheck.Outcome.NOT_RUN);
    }

    @Test
    void sigmoidTopLayerMustFallTowardsZeroWhileTheFirstStays() {
        PublishedFinding f = PublishedFinding.SIGMOID_TOP_LAYER_SATURATES;
        double[] loss = Results.linear(2.4, 2.3, 100);
        CellResult pushed = cell(Activation.SIGMOID, 4, StudyInit.STANDARD, loss, Verdict.HEALTHY, -1, 0.02, 0.5);
        CellResult notPushed = cell(Activation.SIGMOID, 4, StudyInit.STANDARD, loss, Verdict.HEALTHY, -1, 0.2, 0.5);
        CellResult allPushed = cell(Activation.SIGMOID, 4, StudyInit.STANDARD, loss, Verdict.HEALTHY, -1, 0.02, 0.1);

        assertThat(outcome(f, pushed)).isEqualTo(FindingCheck.Outcome.REPRODUCED);
        assertThat(f.check(List.of(pushed)).evidence()).contains("top hidden layer mean activation 0.500 -> 0.020");
        assertThat(outcome(f, notPushed)).isEqualTo(FindingCheck.Outcome.NOT_REPRODUCED);
        assertThat(outcome(f, allPushed)).isEqualTo(FindingCheck.Outcome.NOT_REPRODUCED);
    }

    @Test
    void lsuvMustTrainWhereTheBadInitsDoNot() {
        PublishedFinding f = PublishedFinding.LSUV_TRAINS_WHAT_BAD_INITS_CANNOT;
        CellResult lsuv = cell(Activation.RELU, 30, StudyInit.LSUV, 2.6, 1.2, Verdict.HEALTHY, -1);
        CellResult lsuvDead = cell(Activation.RELU, 30, StudyInit.LSUV, 2.6, 1.2, Verdict.FAILING, 0);
        CellResult tiny = cell(Activation.RELU, 30, StudyInit.TINY, 2.3, 2.3, Verdict.FAILING, 0);
        CellResult tinyTrains = cell(Activation.RELU, 30, StudyInit.TINY, 2.3, 1.0, Verdict.HEALTHY, -1);

        assertThat(outcome(f, lsuv, tiny)).isEqualTo(FindingCheck.Outcome.REPRODUCED);
        assertThat(outcome(f, lsuvDead, tiny)).isEqualTo(FindingCheck.Outcome.NOT_REPRODUCED);
        assertThat(outcome(f, lsuv, tinyTrains)).isEqualTo(FindingCheck.Outcome.NOT_REPRODUCED);
        assertThat(outcome(f, lsuv)).isEqualTo(FindingCheck.Outcome.NOT_RUN);
    }
}
