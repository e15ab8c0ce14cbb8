package org.dl4jinit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rung budgets of the schedules and their bad-input messages (must-show 4: eta, R < r, a single rung). */
class ScheduleTest {

    private static int[] budgets(Schedule s) {
        return IntStream.range(0, s.rungs()).map(s::budget).toArray();
    }

    @Test
    void ashaRungsGrowByEtaUpToTheMaximumBudget() {
        Schedule s = Schedule.asha(20, 540, 3);
        assertThat(budgets(s)).containsExactly(20, 60, 180, 540);
        assertThat(s.halving()).isTrue();
        assertThat(s.eta()).isEqualTo(3);
        assertThat(s.minIterations()).isEqualTo(20);
        assertThat(s.maxIterations()).isEqualTo(540);
        assertThat(s).hasToString("ASHA eta=3, rungs 20/60/180/540 iterations");
    }

    @Test
    void topRungIsTheMaximumBudgetWhenItIsNotAPowerOfEta() {
        assertThat(budgets(Schedule.asha(20, 600, 3))).containsExactly(20, 60, 180, 600);
        assertThat(budgets(Schedule.asha(20, 150, 3))).as("150/60 = 2.5 >= sqrt 3: 60 stays a rung")
                .containsExactly(20, 60, 150);
        assertThat(budgets(Schedule.asha(20, 59, 3))).containsExactly(20, 59);
        assertThat(budgets(Schedule.asha(10, 20, 2))).containsExactly(10, 20);
        assertThat(budgets(Schedule.asha(10, 35, 3))).containsExactly(10, 35);
    }

    @Test
    void fullBudgetIsOneRungWithoutHalving() {
        Schedule s = Schedule.fullBudget(540);
        assertThat(budgets(s)).containsExactly(540);
        assertThat(s.halving()).isFalse();
        assertThat(s).hasToString("full budget, 540 iterations");
    }

    @Test
    void hyperbandBracketsAreAtMostTheRungs() {
        Schedule s = Schedule.hyperband(20, 540, 3, 4);
        assertThat(s.brackets()).isEqualTo(4);
        assertThat(s).hasToString("Hyperband (4 ASHA brackets) eta=3, rungs 20/60/180/540 iterations");
        assertThatThrownBy(() -> Schedule.hyperband(20, 540, 3, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("brackets must be between 1 and the number of rungs (4: 20/60/180/540 iterations), was 5");
        assertThatThrownBy(() -> Schedule.hyperband(20, 540, 3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("brackets must be between 1 and the number of rungs (4");
    }

    @Test
    void etaBelowTwoIsRejectedWithTheRule() {
        assertThatThrownBy(() -> Schedule.asha(20, 540, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eta must be >= 2, was 1: each rung promotes the top 1/eta of its candidates and trains "
                        + "them eta times longer");
    }

    @Test
    void maximumBelowMinimumIsRejected() {
        assertThatThrownBy(() -> Schedule.asha(20, 10, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIterations must be >= minIterations (20), was 10");
        assertThatThrownBy(() -> Schedule.asha(0, 10, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minIterations must be >= 1, was 0");
    }

    @Test
    void budgetGivingASingleRungIsRejected() {
        assertThatThrownBy(() -> Schedule.asha(20, 34, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxIterations 34 gives a single rung with minIterations 20 and eta 3: successive halving "
                        + "needs at least two rungs, maxIterations >= minIterations * sqrt(eta) (35)");
        assertThat(budgets(Schedule.asha(20, 35, 3))).containsExactly(20, 35);
        assertThatThrownBy(() -> Schedule.asha(10, 19, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("maxIterations >= minIterations * sqrt(eta) (20)");
        assertThat(budgets(Schedule.asha(10, 20, 4))).as("exactly sqrt(eta): two rungs").containsExactly(10, 20);
        assertThatThrownBy(() -> Schedule.asha(20, 20, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxIterations 20 gives a single rung");
        assertThatThrownBy(() -> Schedule.fullBudget(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("iterations must be >= 1, was 0");
    }

    @Test
    void hugeEtaDoesNotOverflow() {
        assertThat(budgets(Schedule.asha(1, Integer.MAX_VALUE, Integer.MAX_VALUE)))
                .containsExactly(1, Integer.MAX_VALUE);
        assertThat(budgets(Schedule.asha(1 << 20, Integer.MAX_VALUE, 2))).hasSize(12).endsWith(1 << 30,
                Integer.MAX_VALUE);
    }
}
