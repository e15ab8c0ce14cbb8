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
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
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

    private final CandidatePlan plan;
    private final DataProvider data;
    private final ScoreFunction scoreFunction;
    private final PruningRule rule;
    private final HealthConfig health;

    private InitializerSweep(Builder b) {
        this.plan = b.plan();
        this.data = b.data;
        this.scoreFunction = b.scoreFunction;
        this.rule = b.rule;
        this.health = b.health;
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
        CandidatePlan.Opened opened = plan.open(scoreFunction);
        CandidateGenerator generator = opened.generator;
        int total = opened.total;
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

    /** Builds an {@link InitializerSweep}; {@link #build()} validates the whole configuration. */
    public static final class Builder extends SweepBuilder<Builder> {

        private Builder(ParameterSpace<?> space) {
            super(space);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param candidates how many candidates to evaluate, &gt;= 1
         * @param seed       the generator's seed
         * @return this
         */
        public Builder geneticSearch(int candidates, long seed) {
            return search(CandidatePlan.Search.GENETIC, candidates, seed);
        }

        /**
         * @return the sweep
         * @throws IllegalArgumentException if the space is null, of another type, uses early stopping or has
         *                                  nothing to search, if no data was set, if pruning is on and the
         *                                  health configuration does not check every iteration, or (grid) if a
         *                                  discrete leaf has a single value
         */
        public InitializerSweep build() {
            validate();
            return new InitializerSweep(this);
        }
    }
}
