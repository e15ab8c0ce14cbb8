package org.dl4jinit.sweep;

import java.io.Serializable;

/**
 * When a sweep stops a candidate: its health verdict was FAILING for {@code failingIterations} (N) consecutive
 * iterations, reached within its first {@code withinIterations} (K) iterations. Later failures are reported in
 * the verdict but do not stop training: the rule is about initializations that cannot train, which show at once
 * (a dead or saturated network is known after a few iterations, long before its loss says so).
 *
 * <p>A transient failure is never pruned: any iteration whose verdict is not FAILING resets the streak, so a
 * candidate that fails for fewer than N iterations in a row (e.g. at iterations 1..N−1 only, as a network whose
 * first update lifts it out of a collapsed start does) and then recovers keeps training. The streak counts
 * every iteration, so the health listener must check every iteration (frequency 1, see
 * {@link #requireEveryIteration(int)}).
 */
public final class PruningRule implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default N: 3 consecutive FAILING iterations. */
    public static final int DEFAULT_FAILING_ITERATIONS = 3;
    /** Default K: within the first 20 iterations. */
    public static final int DEFAULT_WITHIN_ITERATIONS = 20;

    private final int failingIterations;
    private final int withinIterations;

    /**
     * @param failingIterations N, consecutive FAILING iterations that prune, &gt;= 1
     * @param withinIterations  K, the streak must be complete by this iteration (1-based), &gt;= N
     * @throws IllegalArgumentException if N &lt; 1 or K &lt; N
     */
    public PruningRule(int failingIterations, int withinIterations) {
        if (failingIterations < 1) {
            throw new IllegalArgumentException("failingIterations must be >= 1, was " + failingIterations);
        }
        if (withinIterations < failingIterations) {
            throw new IllegalArgumentException("withinIterations must be >= failingIterations (" + failingIterations
                    + "), was " + withinIterations);
        }
        this.failingIterations = failingIterations;
        this.withinIterations = withinIterations;
    }

    /** @return the rule with N = 3, K = 20 */
    public static PruningRule defaults() {
        return new PruningRule(DEFAULT_FAILING_ITERATIONS, DEFAULT_WITHIN_ITERATIONS);
    }

    /** @return N */
    public int failingIterations() {
        return failingIterations;
    }

    /** @return K */
    public int withinIterations() {
        return withinIterations;
    }

    /**
     * @param iteration     the 1-based iteration just finished
     * @param failingStreak consecutive FAILING iterations up to it
     * @return whether the candidate is pruned now
     */
    public boolean prunes(int iteration, int failingStreak) {
        return iteration <= withinIterations && failingStreak >= failingIterations;
    }

    /**
     * Checks that a health configuration fits the rule: N counts consecutive iterations and K real ones, so the
     * listener must judge every iteration. With a frequency f &gt; 1 a streak of N checks would span
     * (N − 1)·f + 1 iterations and would never complete within K when that exceeds K.
     *
     * @param frequency the health configuration's frequency (check every n-th iteration)
     * @throws IllegalArgumentException if {@code frequency != 1}
     */
    public static void requireEveryIteration(int frequency) {
        if (frequency != 1) {
            throw new IllegalArgumentException("health frequency must be 1 when pruning, was " + frequency
                    + ": the pruning rule counts consecutive FAILING iterations, so the health listener must check "
                    + "every iteration (use noPruning() to check every n-th iteration only)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PruningRule && ((PruningRule) o).failingIterations == failingIterations
                && ((PruningRule) o).withinIterations == withinIterations;
    }

    @Override
    public int hashCode() {
        return failingIterations * 31 + withinIterations;
    }

    @Override
    public String toString() {
        return "FAILING for " + failingIterations + " consecutive iterations within the first " + withinIterations;
    }
}
