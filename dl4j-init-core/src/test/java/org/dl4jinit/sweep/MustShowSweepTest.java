package org.dl4jinit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.dl4jinit.health.Diagnosis;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.init.OrthogonalInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Must-show 1: {zero, N(0,1)·0.001, Xavier, He, orthogonal, LSUV} × {ReLU, tanh} × depth {3, 12} on a small
 * synthetic problem, once with pruning (N = 3 within K = 10) and once without, in one run.
 */
class MustShowSweepTest {

    private static final Set<HealthCondition> DEAD_OR_SATURATED = EnumSet.of(HealthCondition.ZERO_ACTIVATIONS,
            HealthCondition.SATURATION, HealthCondition.DEAD_UNITS, HealthCondition.SCALE_COLLAPSE,
            HealthCondition.ZERO_GRADIENT, HealthCondition.VANISHING_GRADIENT, HealthCondition.SYMMETRY);

    private static SweepReport pruned;
    private static SweepReport full;
    private static SweepReport ashaEngine;

    @BeforeAll
    static void runBothSweeps() {
        pruned = InitializerSweep.builder(SweepFixtures.mustShowSpace()).data(SweepFixtures.sweepData())
                .pruning(new PruningRule(3, 10)).build().run();
        full = InitializerSweep.builder(SweepFixtures.mustShowSpace()).data(SweepFixtures.sweepData())
                .noPruning().build().run();
        ashaEngine = AshaSweep.builder(SweepFixtures.mustShowSpace()).data(SweepFixtures.sweepData())
                .pruning(new PruningRule(3, 10)).schedule(Schedule.fullBudget(32)).concurrency(2).build().run();
        System.out.print(pruned.toTable());
        System.out.print(full.toTable());
    }

    private static boolean zero(SweepResult r) {
        return r.initializer().startsWith("ZeroInit");
    }

    private static boolean deepTinyGaussian(SweepResult r) {
        return r.initializer().startsWith("SmallRandomInit") && r.layers() == 12;
    }

    @Test
    void gridHasTwentyFourCandidatesOverInitializerActivationAndDepth() {
        assertThat(pruned.results()).hasSize(24);
        assertThat(full.results()).hasSize(24);
        assertThat(full.results()).extracting(SweepResult::layers).containsOnly(3, 12);
        assertThat(full.results()).extracting(SweepResult::activation).containsOnly("relu", "tanh");
        assertThat(full.results()).extracting(SweepResult::initializer).anyMatch(s -> s.startsWith("LSUV(")).anyMatch(
                s -> s.startsWith("OrthogonalInit")).anyMatch(s -> s.startsWith("HeInit"));
    }

    @Test
    void zeroAndDeepTinyGaussianCandidatesArePrunedWithLayerConditionAndValue() {
        List<SweepResult> expected = pruned.results().stream().filter(r -> zero(r) || deepTinyGaussian(r)).toList();
        assertThat(expected).hasSize(6);
        for (SweepResult r : expected) {
            assertThat(r.outcome()).as(r.label()).isEqualTo(CandidateOutcome.PRUNED);
            assertThat(r.verdict()).isEqualTo(Verdict.FAILING);
            assertThat(r.iterations()).as(r.label()).isEqualTo(3);
            assertThat(r.score()).isNaN();
            assertThat(r.pruneReason()).isNotNull();
            assertThat(r.pruneReason().where()).startsWith("layer ");
            assertThat(r.pruneReason().isModelLevel()).isFalse();
            assertThat(r.pruneReason().condition()).isIn(DEAD_OR_SATURATED);
            assertThat(r.reason()).contains("FAILING").contains(r.pruneReason().where());
            // the prune reason is the diagnosed headline: zero weights are not told to scale down
            assertThat(r.pruneReason().diagnosis().cause()).isEqualTo(zero(r) ? Diagnosis.Cause.ZERO_WEIGHTS
                    : Diagnosis.Cause.WEIGHTS_TOO_SMALL);
            assertThat(r.reason()).doesNotContain("scale the weights down");
        }
    }

    @Test
    void candidatesThatCanTrainAreNotPruned() {
        assertThat(pruned.results().stream().filter(r -> !zero(r) && !deepTinyGaussian(r)))
                .allSatisfy(r -> assertThat(r.outcome()).as(r.label()).isEqualTo(CandidateOutcome.COMPLETED));
        assertThat(pruned.count(CandidateOutcome.CRASHED)).isZero();
    }

    @Test
    void withoutPruningTheSameCandidatesTrainFullyButAreReportedFailing() {
        for (SweepResult r : full.results()) {
            assertThat(r.outcome()).isEqualTo(CandidateOutcome.COMPLETED);
            assertThat(r.iterations()).isEqualTo(32);
            if (zero(r) || deepTinyGaussian(r)) {
                assertThat(r.verdict()).as(r.label()).isEqualTo(Verdict.FAILING);
            }
        }
    }

    @Test
    void bestCandidateIsTheSameWithAndWithoutPruning() {
        SweepResult a = pruned.winner().orElseThrow();
        SweepResult b = full.winner().orElseThrow();
        assertThat(a.index()).isEqualTo(b.index());
        assertThat(a.label()).isEqualTo(b.label());
        assertThat(a.score()).isCloseTo(b.score(), within(1e-6));
        assertThat(a.initializer()).doesNotStartWith("ZeroInit").doesNotStartWith("SmallRandomInit");
        // the winner named in the README; its test loss (0.017) is about half the runner-up's (0.031)
        for (SweepResult w : List.of(a, b)) {
            assertThat(w.initializer()).isEqualTo(new OrthogonalInit().toString());
            assertThat(w.activation()).isEqualTo("tanh");
            assertThat(w.layers()).isEqualTo(12);
        }
    }

    @Test
    void pruningDoesNotChangeTheScoresOfCandidatesThatTrain() {
        for (SweepResult r : pruned.results()) {
            if (r.outcome() == CandidateOutcome.COMPLETED) {
                assertThat(r.score()).as(r.label()).isCloseTo(full.results().get(r.index()).score(), within(1e-6));
            }
        }
    }

    @Test
    void ashaSweepsFullBudgetScheduleReproducesThisSweepExactly() {
        // 2 epochs of 16 batches = 32 iterations: the same candidates, outcomes, verdicts, scores and reasons
        assertThat(ashaEngine.results()).hasSize(24);
        for (int i = 0; i < 24; i++) {
            SweepResult a = pruned.results().get(i);
            SweepResult b = ashaEngine.results().get(i);
            assertThat(b.label()).isEqualTo(a.label());
            assertThat(b.outcome()).as(a.label()).isEqualTo(a.outcome());
            assertThat(b.iterations()).as(a.label()).isEqualTo(a.iterations());
            assertThat(b.verdict()).as(a.label()).isEqualTo(a.verdict());
            assertThat(Double.valueOf(b.score())).as(a.label()).isEqualTo(Double.valueOf(a.score()));
            assertThat(b.reason()).as(a.label()).isEqualTo(a.reason());
        }
    }
}
