package org.dl4jinit.examples.sweep;

import org.dl4jinit.sweep.PruningRule;
import org.dl4jinit.sweep.Schedule;

/**
 * How {@link FashionMnistSearch} searches: the scheduler, how many candidates random search draws, the iteration
 * budgets, η, the Hyperband brackets and how many candidates train at once. Immutable; start from
 * {@link #defaults()} and change with the {@code with...} methods; {@link #schedule(SweepOptions)} validates the
 * budget (an {@link IllegalArgumentException} naming the value and the rule).
 *
 * @param scheduler     GRID (the 24-candidate grid of {@link FashionMnistSweep#space}, full budget), RANDOM
 *                      (random search over {@link FashionMnistSearch#space}, full budget) or ASHA (the same
 *                      random candidates under asynchronous successive halving)
 * @param candidates    candidates random search draws (RANDOM, ASHA), &gt;= 1
 * @param minIterations r, the first rung's budget (ASHA); 0: the pruning rule's window K (without pruning, the
 *                      default window, 20)
 * @param maxIterations R, the full budget of a candidate in iterations; 0: one pass over the training examples
 * @param eta           η (ASHA), &gt;= 2
 * @param brackets      Hyperband brackets (ASHA), 1 = plain ASHA
 * @param concurrency   candidates training at once, one ND4J thread each, &gt;= 1
 */
public record SearchOptions(Scheduler scheduler, int candidates, int minIterations, int maxIterations, int eta,
        int brackets, int concurrency) {

    /** The search strategy of the {@code --scheduler} option. */
    public enum Scheduler {
        /** The sweep grid, every candidate trained to the full budget. */
        GRID,
        /** Random search, every candidate trained to the full budget. */
        RANDOM,
        /** Random search under asynchronous successive halving with health pruning. */
        ASHA
    }

    /** Validates what can be checked without the sweep options (the budgets are checked by the schedule). */
    public SearchOptions {
        if (scheduler == null) {
            throw new IllegalArgumentException("scheduler must not be null");
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be >= 1, was " + candidates);
        }
        if (minIterations < 0) {
            throw new IllegalArgumentException("minIterations must be >= 1 (or 0 for the default), was "
                    + minIterations);
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 1 (or 0 for the default), was "
                    + maxIterations);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
    }

    /** @return the grid, full budget of one pass, η = 3, one bracket, one candidate at a time; 40 random draws */
    public static SearchOptions defaults() {
        return new SearchOptions(Scheduler.GRID, 40, 0, 0, Schedule.DEFAULT_ETA, 1, 1);
    }

    /** @return these options with another scheduler */
    public SearchOptions withScheduler(Scheduler s) {
        return new SearchOptions(s, candidates, minIterations, maxIterations, eta, brackets, concurrency);
    }

    /** @return these options with another number of random candidates */
    public SearchOptions withCandidates(int n) {
        return new SearchOptions(scheduler, n, minIterations, maxIterations, eta, brackets, concurrency);
    }

    /** @return these options with another first-rung budget r */
    public SearchOptions withMinIterations(int r) {
        return new SearchOptions(scheduler, candidates, r, maxIterations, eta, brackets, concurrency);
    }

    /** @return these options with another full budget R */
    public SearchOptions withMaxIterations(int r) {
        return new SearchOptions(scheduler, candidates, minIterations, r, eta, brackets, concurrency);
    }

    /** @return these options with another η */
    public SearchOptions withEta(int e) {
        return new SearchOptions(scheduler, candidates, minIterations, maxIterations, e, brackets, concurrency);
    }

    /** @return these options with another number of Hyperband brackets */
    public SearchOptions withBrackets(int b) {
        return new SearchOptions(scheduler, candidates, minIterations, maxIterations, eta, b, concurrency);
    }

    /** @return these options with another concurrency */
    public SearchOptions withConcurrency(int c) {
        return new SearchOptions(scheduler, candidates, minIterations, maxIterations, eta, brackets, c);
    }

    /**
     * @param sweep the data and pruning options (the default budgets derive from them)
     * @return R: {@code maxIterations}, or one pass over the training examples
     */
    public int maxIterations(SweepOptions sweep) {
        return maxIterations > 0 ? maxIterations
                : (sweep.trainExamples() + sweep.batchSize() - 1) / sweep.batchSize();
    }

    /**
     * @param sweep the data and pruning options
     * @return the schedule: full budget for GRID and RANDOM, ASHA/Hyperband for ASHA
     * @throws IllegalArgumentException naming the value and the rule if the budgets, η or brackets are bad
     */
    public Schedule schedule(SweepOptions sweep) {
        int max = maxIterations(sweep);
        if (scheduler != Scheduler.ASHA) {
            return Schedule.fullBudget(max);
        }
        int min = minIterations > 0 ? minIterations
                : sweep.pruning() == null ? PruningRule.DEFAULT_WITHIN_ITERATIONS : sweep.pruning().withinIterations();
        return Schedule.hyperband(min, max, eta, brackets);
    }
}
