package org.dl4jinit.sweep;

import java.util.List;
import org.deeplearning4j.arbiter.ComputationGraphSpace;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.scoring.impl.TestSetLossScoreFunction;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.dl4jinit.health.HealthConfig;

/**
 * What {@link InitializerSweep.Builder} and {@link AshaSweep.Builder} share: the space, the data, the score
 * function, the pruning rule and health configuration, and grid or random search. Each setter validates its
 * argument; {@code build()} validates the whole configuration.
 *
 * @param <B> the builder's own type
 */
public abstract class SweepBuilder<B extends SweepBuilder<B>> {

    final ParameterSpace<?> space;
    DataProvider data;
    ScoreFunction scoreFunction = new TestSetLossScoreFunction(true);
    PruningRule rule = PruningRule.defaults();
    HealthConfig health = PruningTaskListener.quietHealth();
    CandidatePlan.Search search = CandidatePlan.Search.GRID;
    int discretization = 3;
    int candidates;
    long seed;

    SweepBuilder(ParameterSpace<?> space) {
        this.space = space;
    }

    /** @return this builder as its own type */
    abstract B self();

    /**
     * @param data training data (its iterators must repeat the same batches in the same order, e.g.
     *             {@link SweepData} with a fixed shuffling seed) and the data the score function evaluates;
     *             required
     * @return this
     */
    public B data(DataProvider data) {
        this.data = Spaces.notNull("data", data);
        return self();
    }

    /**
     * @param f the objective (default: average test-set loss, minimized); a candidate whose score function throws
     *          or returns NaN is CRASHED
     * @return this
     */
    public B scoreFunction(ScoreFunction f) {
        this.scoreFunction = Spaces.notNull("scoreFunction", f);
        return self();
    }

    /**
     * @param rule the pruning rule (default {@link PruningRule#defaults()})
     * @return this
     */
    public B pruning(PruningRule rule) {
        this.rule = Spaces.notNull("rule", rule);
        return self();
    }

    /**
     * Turns pruning off: no candidate is stopped for its health (health is still reported).
     *
     * @return this
     */
    public B noPruning() {
        this.rule = null;
        return self();
    }

    /**
     * @param config the health listener configuration (default: default thresholds, nothing logged); with
     *               pruning on, its frequency must be 1 (checked by {@code build()})
     * @return this
     */
    public B health(HealthConfig config) {
        this.health = Spaces.notNull("health", config);
        return self();
    }

    /**
     * @param discretizationCount grid points per continuous range, &gt;= 2
     * @return this
     */
    public B gridSearch(int discretizationCount) {
        if (discretizationCount < 2) {
            throw new IllegalArgumentException("discretizationCount must be >= 2 (both ends of a range), was "
                    + discretizationCount);
        }
        this.search = CandidatePlan.Search.GRID;
        this.discretization = discretizationCount;
        return self();
    }

    /**
     * @param candidates how many candidates to draw, &gt;= 1
     * @param seed       the generator's seed (the same seed draws the same candidates)
     * @return this
     */
    public B randomSearch(int candidates, long seed) {
        return search(CandidatePlan.Search.RANDOM, candidates, seed);
    }

    B search(CandidatePlan.Search s, int candidates, long seed) {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be >= 1, was " + candidates);
        }
        this.search = s;
        this.candidates = candidates;
        this.seed = seed;
        return self();
    }

    /** @return the candidates to evaluate, as set */
    CandidatePlan plan() {
        return new CandidatePlan(space, search, discretization, candidates, seed);
    }

    /**
     * Checks what both sweeps need.
     *
     * @throws IllegalArgumentException if the space is null, of another type, uses early stopping or has nothing
     *                                  to search, if no data was set, if pruning is on and the health
     *                                  configuration does not check every iteration, or (grid) if a discrete leaf
     *                                  has a single value
     */
    void validate() {
        requireSearchable(space, search == CandidatePlan.Search.GRID);
        if (data == null) {
            throw new IllegalArgumentException("data must be set: call data(SweepData.of(train, test))");
        }
        if (rule != null) {
            PruningRule.requireEveryIteration(health.frequency());
        }
    }

    /**
     * Checks a space for a sweep.
     *
     * @param space the space
     * @param grid  whether it is searched by Arbiter's grid search
     * @throws IllegalArgumentException if the space is null, of another type, uses early stopping or has nothing
     *                                  to search, or (grid) if a discrete leaf has a single value
     */
    static void requireSearchable(ParameterSpace<?> space, boolean grid) {
        if (space == null) {
            throw new IllegalArgumentException("space must not be null");
        }
        Object es;
        if (space instanceof MultiLayerSpace) {
            es = ((MultiLayerSpace) space).getEarlyStoppingConfiguration();
        } else if (space instanceof ComputationGraphSpace) {
            es = ((ComputationGraphSpace) space).getEarlyStoppingConfiguration();
        } else {
            throw new IllegalArgumentException("space must be a MultiLayerSpace or a ComputationGraphSpace, was "
                    + space.getClass().getName());
        }
        if (es != null) {
            throw new IllegalArgumentException("space must not have an early stopping configuration: sweeps "
                    + "train a fixed budget (numEpochs, or an AshaSweep's schedule) and stop hopeless candidates "
                    + "with the pruning rule");
        }
        List<ParameterSpace> leaves = LeafUtils.getUniqueObjects(space.collectLeaves());
        int searched = 0;
        for (ParameterSpace p : leaves) {
            if (p instanceof FixedValue) {
                continue;
            }
            if (p instanceof DiscreteParameterSpace && ((DiscreteParameterSpace<?>) p).numValues() == 1) {
                if (grid) {
                    throw new IllegalArgumentException("space has a discrete parameter with a single value, "
                            + p + ": Arbiter's grid search misaligns such leaves; use a fixed value instead "
                            + "(FixedValue, or SweepParameters.values with one value)");
                }
                continue;
            }
            searched++;
        }
        if (searched == 0) {
            throw new IllegalArgumentException("space has nothing to search: none of its " + leaves.size()
                    + " leaf parameters has two or more values, so it describes a single network; give a "
                    + "parameter at least two values, e.g. InitializerSpace.of(new XavierInit(), new HeInit())");
        }
    }
}
