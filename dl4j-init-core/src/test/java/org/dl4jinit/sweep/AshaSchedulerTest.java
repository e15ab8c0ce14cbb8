package org.dl4jinit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

/** The promotion rule of asynchronous successive halving (Li et al. 2020, Algorithm 2), without training. */
class AshaSchedulerTest {

    /**
     * Runs the scheduler one job at a time with scores from f(candidate, rung), as the sweep's driver does at
     * concurrency 1; returns the steps in order as "candidate@rung:from-to".
     */
    private static List<String> runSequentially(AshaScheduler s, int candidates, IntBinaryOperator score) {
        List<String> steps = new ArrayList<>();
        int next = 0;
        boolean all = false;
        while (true) {
            AshaScheduler.Step step = s.promotion();
            if (step == null && next < candidates) {
                step = s.admit(next++);
            } else if (step == null && !all) {
                all = true;
                s.allAdmitted();
                step = s.promotion();
            }
            if (step == null) {
                return steps;
            }
            steps.add(step.candidate + "@" + step.rung + ":" + step.from + "-" + step.to);
            s.scored(step.candidate, step.rung, score.applyAsInt(step.candidate, step.rung));
        }
    }

    @Test
    void aCandidateIsPromotedAsSoonAsItIsInTheTopThirdOfItsRung() {
        AshaScheduler s = new AshaScheduler(Schedule.asha(1, 9, 3), true);
        int[] rung0 = {50, 40, 10, 60, 20, 70};
        List<String> steps = runSequentially(s, 6, (c, k) -> rung0[c] - k);
        assertThat(steps).containsExactly("0@0:0-1", "1@0:0-1", "2@0:0-1",
                "2@1:1-3",                          // 3 scored at rung 0: the top 1 (candidate 2) goes on
                "3@0:0-1", "4@0:0-1", "5@0:0-1",    // 4 and 5 scored: the top 1 is still candidate 2
                "4@1:1-3",                          // 6 scored: the top 2 are 2 and 4
                "2@2:3-9");                         // the last candidate is in: rung 1 promotes ceil(2/3) = 1
        assertThat(s.rank(4, 0)).isEqualTo(2);
        assertThat(s.finished(4, 0)).isEqualTo(6);
        assertThat(s.quota(0, 7)).isEqualTo(3);
        assertThat(s.quota(2, 6)).as("the top rung promotes nobody").isZero();
    }

    @Test
    void whileCandidatesAreStillAdmittedARungPromotesTheFloorOfATHird() {
        AshaScheduler s = new AshaScheduler(Schedule.asha(1, 9, 3), true);
        assertThat(s.quota(0, 2)).isZero();
        assertThat(s.quota(0, 7)).isEqualTo(2);
        s.allAdmitted();
        assertThat(s.quota(0, 2)).isEqualTo(1);
        assertThat(s.quota(0, 7)).isEqualTo(3);
        assertThat(s.quota(0, 0)).isZero();
    }

    @Test
    void nineCandidatesReachTheTopRungWithTheBestOne() {
        AshaScheduler s = new AshaScheduler(Schedule.asha(1, 9, 3), true);
        // candidate c scores c at every rung: 0 is best throughout
        List<String> steps = runSequentially(s, 9, (c, k) -> 100 - 10 * k + c);
        assertThat(steps).contains("0@1:1-3", "1@1:1-3", "2@1:1-3", "0@2:3-9").doesNotContain("3@1:1-3");
        assertThat(steps.stream().filter(x -> x.contains("@2:"))).containsExactly("0@2:3-9");
        assertThat(s.top(2)).isTrue();
        assertThat(s.top(1)).isFalse();
    }

    @Test
    void tiesGoToTheLowerCandidateIndexAndMaximizingRanksHighScoresFirst() {
        AshaScheduler min = new AshaScheduler(Schedule.asha(1, 3, 3), true);
        assertThat(runSequentially(min, 3, (c, k) -> 7)).endsWith("0@1:1-3");
        AshaScheduler max = new AshaScheduler(Schedule.asha(1, 3, 3), false);
        assertThat(runSequentially(max, 3, (c, k) -> c)).endsWith("2@1:1-3");
        assertThat(max.rank(2, 0)).isEqualTo(1);
        assertThat(max.rank(0, 0)).isEqualTo(3);
    }

    @Test
    void prunedOrCrashedCandidatesHoldNoPlaceInARung() {
        AshaScheduler s = new AshaScheduler(Schedule.asha(1, 3, 3), true);
        s.admit(0);
        s.ended(0);
        s.admit(1);
        s.scored(1, 0, 5.0);
        s.admit(2);
        s.scored(2, 0, 4.0);
        assertThat(s.promotion()).as("two scored: floor(2/3) = 0 promotable").isNull();
        s.admit(3);
        s.scored(3, 0, 6.0);
        assertThat(s.promotion()).extracting(p -> p.candidate).isEqualTo(2);
        assertThat(s.finished(1, 0)).isEqualTo(3);
    }

    @Test
    void fullBudgetScheduleTrainsEveryCandidateOnceToTheEnd() {
        AshaScheduler s = new AshaScheduler(Schedule.fullBudget(50), true);
        assertThat(runSequentially(s, 3, (c, k) -> c)).containsExactly("0@0:0-50", "1@0:0-50", "2@0:0-50");
        assertThat(s.top(0)).isTrue();
    }

    @Test
    void hyperbandDealsCandidatesToBracketsThatStartAtLaterRungs() {
        AshaScheduler s = new AshaScheduler(Schedule.hyperband(1, 9, 3, 3), true);
        List<String> steps = runSequentially(s, 3, (c, k) -> c);
        assertThat(steps).containsExactly("0@0:0-1", "1@1:0-3", "2@2:0-9",
                // all admitted: each bracket's best moves on, higher rungs first
                "1@2:3-9", "0@1:1-3", "0@2:3-9");
        assertThat(s.finished(0, 0)).isEqualTo(1);
        assertThat(s.finished(1, 1)).as("brackets rank separately").isEqualTo(1);
        assertThat(s.finished(0, 2)).as("bracket 0 alone at its top rung").isEqualTo(1);
    }

    @Test
    void badUseIsRejected() {
        AshaScheduler s = new AshaScheduler(Schedule.asha(1, 3, 3), true);
        s.admit(0);
        assertThatThrownBy(() -> s.admit(0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("candidate 0 was admitted twice");
        assertThatThrownBy(() -> s.scored(0, 0, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("score must be finite, was NaN (record the candidate as crashed instead)");
        assertThatThrownBy(() -> s.scored(5, 0, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("candidate 5 was never admitted");
        s.allAdmitted();
        assertThatThrownBy(() -> s.admit(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("candidate 1 was admitted after the last one");
    }

    @Test
    void sequentialAshaOverFortyCandidatesAndFourRungsCostsAtMostAThirdOfTheFullBudget() {
        // noisy scores whose noise shrinks with training: the true quality is the score at the top rung
        for (long seed = 0; seed < 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int n = 40;
            double[] quality = random.doubles(n).toArray();
            double[][] noise = new double[n][4];
            for (double[] row : noise) {
                for (int k = 0; k < 4; k++) {
                    row[k] = random.nextDouble() * 0.3 / (k + 1);
                }
            }
            Schedule schedule = Schedule.asha(20, 540, 3);
            AshaScheduler s = new AshaScheduler(schedule, true);
            List<String> steps = runSequentially(s, n, (c, k) -> (int) (1e6 * (quality[c] + (k == 3 ? 0 : noise[c][k]))));
            long iterations = 0;
            for (String step : steps) {
                String[] span = step.substring(step.indexOf(':') + 1).split("-");
                iterations += Integer.parseInt(span[1]) - Integer.parseInt(span[0]);
            }
            assertThat(iterations).as("seed " + seed).isLessThanOrEqualTo((long) n * schedule.maxIterations() / 3);
            assertThat(steps.stream().filter(x -> x.contains("@3:"))).as("seed " + seed).isNotEmpty();
        }
    }
}
