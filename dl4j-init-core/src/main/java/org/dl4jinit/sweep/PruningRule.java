package org.dl4jinit.sweep;

import java.io.Serializable;

/**
 * When a sweep stops a candidate: its health verdict was FAILING for {@code failingIterations} consecutive
 * iterations, reached within its first {@code withinIterations} iterations. Later failures are reported in the
 * verdict but do not stop training: the rule is about initializations that cannot train, which show at once
 * (a dead or saturated network is known after a few iterations, long before its loss says so).
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
