package org.dl4jinit.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.deeplearning4j.arbiter.ComputationGraphSpace;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GeneticSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.scoring.impl.TestSetLossScoreFunction;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.dl4jinit.health.HealthConfig;

/**
 * Runs an Arbiter search over a network space (typically with {@link InitializerSpace}s in it) with
 * health-aware pruning, and returns a {@link SweepReport}.
 *
 * <pre>{@code
 * SweepReport report = InitializerSweep.builder(space)
 *         .data(SweepData.of(() -> trainIter, () -> testIter))
 *         .pruning(new PruningRule(3, 20))            // or noPruning()
 *         .gridSearch(3)                              // or randomSearch(n, seed), geneticSearch(n, seed)
 *         .build().run();
 * System.out.print(report.toTable());
 * }</pre>
 *
 * <p>Candidates run one at a time on Arbiter's {@link LocalOptimizationRunner} with a {@link SweepTaskCreator}
 * and a {@link PruningTaskListener}. Pruning only stops candidates; the others train exactly as without it. For
 * grid and random search the candidates do not depend on earlier results, so a pruned and an unpruned sweep
 * with the same seeds evaluate the same candidates and rank the surviving ones identically. Genetic search does
 * not have that property: its next candidates are bred from the scores reported so far, and a pruned candidate
 * reports no score (a null, where the unpruned sweep reports a number), so the two sweeps evolve different
 * populations after the first pruned candidate.
 */
public final class InitializerSweep {

    private enum Search { GRID, RANDOM, GENETIC }

    private final ParameterSpace<?> space;
    private final SweepData data;
    private final ScoreFunction scoreFunction;
    private final PruningRule rule;
    private final HealthConfig health;
    private final Search search;
    private final int discretization;
    private final int candidates;
    private final long seed;

    private InitializerSweep(Builder b) {
        this.space = b.space;
        this.data = b.data;
        this.scoreFunction = b.scoreFunction;
        this.rule = b.rule;
        this.health = b.health;
        this.search = b.search;
        this.discretization = b.discretization;
        this.candidates = b.candidates;
        this.seed = b.seed;
    }

    /**
     * @param space a {@link MultiLayerSpace} (e.g. {@link InitMultiLayerSpace}) or {@link ComputationGraphSpace}
     * @return a builder
     */
    public static Builder builder(ParameterSpace<?> space) {
        return new Builder(space);
    }

    /** @return the pruning rule, or null if pruning is off */
    public PruningRule pruning() {
        return rule;
    }

    /**
     * Runs the search to the end (every grid point, or the requested number of candidates).
     *
     * @return the report
     * @throws VirtualMachineError if a candidate ran out of memory (or hit another VirtualMachineError): the
     *                             search stops after that candidate and the error is rethrown here
     */
    public SweepReport run() {
        CandidateGenerator generator;
        int total;
        switch (search) {
            case GRID:
                GridSearchCandidateGenerator grid = new GridSearchCandidateGenerator(space, discretization,
                        GridSearchCandidateGenerator.Mode.Sequential, null);
                generator = grid;
                total = grid.getTotalNumCandidates();
                break;
            case RANDOM:
                generator = new RandomSearchGenerator(space, null);
                generator.setRngSeed(seed);
                total = candidates;
                break;
            default:
                generator = new GeneticSearchCandidateGenerator.Builder(space, scoreFunction).build();
                generator.setRngSeed(seed);
                total = candidates;
                break;
        }
        ConcurrentLinkedQueue<SweepResult> results = new ConcurrentLinkedQueue<>();
        SweepTaskCreator creator = new SweepTaskCreator(new PruningTaskListener(health, rule), results::add);
        OptimizationConfiguration conf = new OptimizationConfiguration.Builder().candidateGenerator(generator)
                .dataProvider(data).scoreFunction(scoreFunction)
                .terminationConditions(new MaxCandidatesCondition(total), new GeneratorExhausted(generator),
                        new FatalError(creator)).build();
        ClosingRunner runner = new ClosingRunner(conf, creator);
        long t0 = System.nanoTime();
        boolean finished = false;
        try {
            runner.execute();
            finished = true;
        } finally {
            // after a normal end nothing is running and this returns at once; after an exception the running
            // candidate is interrupted instead of awaited
            runner.shutdown(finished);
        }
        long wall = (System.nanoTime() - t0) / 1_000_000L;
        if (creator.fatal() != null) {
            throw creator.fatal();
        }
        List<SweepResult> all = new ArrayList<>(results);
        Set<Integer> seen = new HashSet<>();
        for (SweepResult r : all) {
            seen.add(r.index());
        }
        for (CandidateInfo ci : runner.getCandidateStatus()) {
            // candidates whose configuration could not even be generated never reached a task
            if (ci.getCandidateStatus() == CandidateStatus.Failed && !seen.contains(ci.getIndex())) {
                all.add(new SweepResult(ci.getIndex(), "(not built)", "-", 0, CandidateOutcome.CRASHED, null, null,
                        "candidate generation failed: " + firstLine(ci.getExceptionStackTrace()), Double.NaN, 0, 0));
            }
        }
        return new SweepReport(all, scoreFunction.minimize(), wall, rule);
    }

    /**
     * Arbiter's runner with one worker that also shuts down the second pool Arbiter creates (the thread running
     * the futures' completion listeners), which {@link LocalOptimizationRunner#shutdown(boolean)} leaves alive:
     * without this every sweep would strand one idle thread.
     */
    private static final class ClosingRunner extends LocalOptimizationRunner {
        ClosingRunner(OptimizationConfiguration conf, SweepTaskCreator creator) {
            super(1, conf, creator);
        }

        @Override
        public void shutdown(boolean awaitTermination) {
            try {
                super.shutdown(awaitTermination);
            } finally {
                if (awaitTermination) {
                    futureListenerExecutor.shutdown();
                } else {
                    futureListenerExecutor.shutdownNow();
                }
            }
        }
    }

    /**
     * Ends the search once the generator has no candidate left and none is running. Arbiter's
     * {@link MaxCandidatesCondition} counts completed and failed tasks only, not candidates whose configuration
     * could not be generated, so a grid with such a candidate would never reach its total and the runner would
     * poll forever.
     */
    private static final class GeneratorExhausted implements TerminationCondition {
        private final CandidateGenerator generator;

        GeneratorExhausted(CandidateGenerator generator) {
            this.generator = generator;
        }

        @Override
        public void initialize(IOptimizationRunner runner) {
            // stateless
        }

        @Override
        public boolean terminate(IOptimizationRunner runner) {
            return !generator.hasMoreCandidates() && runner.numCandidatesQueued() == 0;
        }

        @Override
        public String toString() {
            return "GeneratorExhausted";
        }
    }

    /** Stops the search after a candidate threw a {@link VirtualMachineError}, which {@link #run()} rethrows. */
    private static final class FatalError implements TerminationCondition {
        private final SweepTaskCreator creator;

        FatalError(SweepTaskCreator creator) {
            this.creator = creator;
        }

        @Override
        public void initialize(IOptimizationRunner runner) {
            // stateless
        }

        @Override
        public boolean terminate(IOptimizationRunner runner) {
            return creator.fatal() != null;
        }

        @Override
        public String toString() {
            return "FatalError";
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no exception text)";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /**
     * Checks a space for a sweep (shared by {@link InitializerSweep} and {@link AshaSweep}).
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

    /** Builds an {@link InitializerSweep}; {@link #build()} validates the whole configuration. */
    public static final class Builder {
        private final ParameterSpace<?> space;
        private SweepData data;
        private ScoreFunction scoreFunction = new TestSetLossScoreFunction(true);
        private PruningRule rule = PruningRule.defaults();
        private HealthConfig health = PruningTaskListener.quietHealth();
        private Search search = Search.GRID;
        private int discretization = 3;
        private int candidates;
        private long seed;

        private Builder(ParameterSpace<?> space) {
            this.space = space;
        }

        /** @param data training and test data; required */
        public Builder data(SweepData data) {
            this.data = Spaces.notNull("data", data);
            return this;
        }

        /** @param f the objective (default: average test-set loss, minimized) */
        public Builder scoreFunction(ScoreFunction f) {
            this.scoreFunction = Spaces.notNull("scoreFunction", f);
            return this;
        }

        /** @param rule the pruning rule (default {@link PruningRule#defaults()}) */
        public Builder pruning(PruningRule rule) {
            this.rule = Spaces.notNull("rule", rule);
            return this;
        }

        /** Turns pruning off: every candidate trains its full budget (health is still reported). */
        public Builder noPruning() {
            this.rule = null;
            return this;
        }

        /**
         * @param config the health listener configuration (default: default thresholds, nothing logged); with
         *               pruning on, its frequency must be 1 (checked by {@link #build()})
         * @return this
         */
        public Builder health(HealthConfig config) {
            this.health = Spaces.notNull("health", config);
            return this;
        }

        /**
         * @param discretizationCount grid points per continuous range, &gt;= 2
         * @return this
         */
        public Builder gridSearch(int discretizationCount) {
            if (discretizationCount < 2) {
                throw new IllegalArgumentException("discretizationCount must be >= 2 (both ends of a range), was "
                        + discretizationCount);
            }
            this.search = Search.GRID;
            this.discretization = discretizationCount;
            return this;
        }

        /**
         * @param candidates how many candidates to draw, &gt;= 1
         * @param seed       the generator's seed
         * @return this
         */
        public Builder randomSearch(int candidates, long seed) {
            this.search = Search.RANDOM;
            this.candidates = positive(candidates);
            this.seed = seed;
            return this;
        }

        /**
         * @param candidates how many candidates to evaluate, &gt;= 1
         * @param seed       the generator's seed
         * @return this
         */
        public Builder geneticSearch(int candidates, long seed) {
            this.search = Search.GENETIC;
            this.candidates = positive(candidates);
            this.seed = seed;
            return this;
        }

        private static int positive(int candidates) {
            if (candidates < 1) {
                throw new IllegalArgumentException("candidates must be >= 1, was " + candidates);
            }
            return candidates;
        }

        /**
         * @return the sweep
         * @throws IllegalArgumentException if the space is null, of another type, uses early stopping or has
         *                                  nothing to search, if no data was set, if pruning is on and the
         *                                  health configuration does not check every iteration, or (grid) if a
         *                                  discrete leaf has a single value
         */
        public InitializerSweep build() {
            requireSearchable(space, search == Search.GRID);
            if (data == null) {
                throw new IllegalArgumentException("data must be set: call data(SweepData.of(train, test))");
            }
            if (rule != null) {
                PruningRule.requireEveryIteration(health.frequency());
            }
            return new InitializerSweep(this);
        }
    }
}
