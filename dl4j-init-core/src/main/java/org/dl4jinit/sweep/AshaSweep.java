package org.dl4jinit.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.GraphConfiguration;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.health.Violation;

/**
 * An initializer search that spends its budget where it pays: asynchronous successive halving (ASHA, Li et al.
 * 2020) over the candidates of Arbiter's grid or random search, with health pruning. A candidate dies the moment
 * its health verdict meets the {@link PruningRule} (FAILING for N consecutive iterations within its first K, as
 * in an {@link InitializerSweep}); among the healthy ones, only the top 1/η of each rung train on to the next.
 *
 * <pre>{@code
 * SweepReport report = AshaSweep.builder(space)
 *         .data(SweepData.of(() -> trainIter, () -> testIter))
 *         .randomSearch(40, 42)                       // or gridSearch(3)
 *         .schedule(Schedule.asha(20, 540, 3))        // rungs at 20, 60, 180, 540 iterations
 *         .concurrency(2)                             // candidates training at once, one ND4J thread each
 *         .build().run();
 * System.out.print(report.toTable());                 // rung, iterations and stop reason per candidate
 * }</pre>
 *
 * <p><b>How it runs.</b> Budgets count training iterations (minibatches) of one {@linkplain TrainingStream
 * training stream}: every candidate sees the same batches in the same order, pass after pass. Whenever fewer than
 * {@code concurrency} jobs run, the driver starts a promotion if one is due (see {@link AshaScheduler}), else
 * the next candidate from the generator; a promoted candidate continues from where it stopped (its model is kept
 * in memory by the {@link LocalRungExecutor}, or travels as state bytes with an executor that runs jobs
 * elsewhere, see {@link RungExecutor}). The score at a rung is the score function's (default: average test-set
 * loss); ties go to the lower candidate index; a NaN or infinite score, or a score function that throws, makes
 * the candidate CRASHED and the search goes on. The search ends when the generator has no candidate left and no
 * job is running or promotable; from the last candidate on, a rung promotes ⌈n/η⌉ of its n candidates instead
 * of ⌊n/η⌋, so the best of every rung moves on and at least one candidate is trained to the full budget. With
 * {@link Schedule#fullBudget(int)} every candidate trains the whole budget (the plain search, on the same
 * engine).
 *
 * <p><b>Determinism.</b> A candidate's score at a rung does not depend on which thread ran it, on the
 * concurrency or on pauses between rungs (see {@link RungTrainer}). Which candidates get promoted does depend on
 * the order results arrive when several jobs run at once, as in the paper: promotions are made on the
 * results so far instead of waiting for a whole rung. At concurrency 1 the whole search is deterministic.
 *
 * <p><b>Generators.</b> Grid and random search produce candidates that do not depend on earlier results, which
 * is what ASHA assumes. Arbiter's genetic search is not offered: it breeds new candidates from the scores of
 * earlier ones, but under ASHA most scores are taken after a fraction of the budget (by design, they rank
 * candidates only within their rung), so breeding from them would mix budgets and favour fast starters; use
 * {@link InitializerSweep#builder} with {@code geneticSearch} for it.
 *
 * <p><b>Pruning and rungs.</b> The first rung must be at least the rule's window K (r &gt;= K): every verdict
 * of the rule is then in before the first promotion, and a job resumed from state bytes elsewhere needs none of
 * the health listener's history.
 */
public final class AshaSweep {

    private final CandidatePlan plan;
    private final DataProvider data;
    private final ScoreFunction scoreFunction;
    private final PruningRule rule;
    private final HealthConfig health;
    private final Schedule schedule;
    private final Function<RungTrainer, RungExecutor> executors;
    private final Consumer<RungResult> progress;

    private AshaSweep(Builder b) {
        this.plan = b.plan();
        this.data = b.data;
        this.scoreFunction = b.scoreFunction;
        this.rule = b.rule;
        this.health = b.health;
        this.schedule = b.schedule;
        int concurrency = b.concurrency;
        this.executors = b.executors != null ? b.executors : t -> new LocalRungExecutor(t, concurrency);
        this.progress = b.progress;
    }

    /**
     * @param space a {@code MultiLayerSpace} (e.g. {@link InitMultiLayerSpace}) or {@code ComputationGraphSpace}
     * @return a builder
     */
    public static Builder builder(ParameterSpace<?> space) {
        return new Builder(space);
    }

    /** @return the schedule */
    public Schedule schedule() {
        return schedule;
    }

    /**
     * Checks that a halving schedule's first rung ends no earlier than the pruning rule's window (r &gt;= K): the
     * rule has then judged every candidate before its first promotion, and a job resumed from saved state needs
     * none of the health listener's history.
     *
     * @param schedule the schedule
     * @param rule     the pruning rule, or null (no pruning: nothing to check)
     * @throws IllegalArgumentException naming both values if r &lt; K
     */
    public static void requirePruningWindow(Schedule schedule, PruningRule rule) {
        if (rule != null && schedule.halving() && schedule.minIterations() < rule.withinIterations()) {
            throw new IllegalArgumentException("minIterations must be >= the pruning rule's window K ("
                    + rule.withinIterations() + "), was " + schedule.minIterations() + ": the rule must have "
                    + "judged every candidate before its first promotion; raise minIterations or use a "
                    + "rule with K <= " + schedule.minIterations());
        }
    }

    /**
     * Runs the search to the end.
     *
     * @return the report: every candidate with its outcome (COMPLETED at the top rung, STOPPED at a lower one,
     *         PRUNED, CRASHED), rung scores, iterations and wall time
     * @throws VirtualMachineError    if a job ran out of memory (or hit another VirtualMachineError)
     * @throws CancellationException if the calling thread was interrupted (the flag is restored)
     * @throws IllegalStateException  if the executor failed otherwise
     */
    public SweepReport run() {
        RungTrainer trainer = new RungTrainer(data, scoreFunction, health, rule);
        CandidatePlan.Opened opened = plan.open(scoreFunction);
        CandidateGenerator generator = opened.generator;
        int total = opened.total;
        AshaScheduler scheduler = new AshaScheduler(schedule, trainer.minimize());
        Map<Integer, Track> tracks = new TreeMap<>();
        long t0 = System.nanoTime();
        try (RungExecutor executor = executors.apply(trainer)) {
            BlockingQueue<Done> done = new LinkedBlockingQueue<>();
            int running = 0;
            int generated = 0;
            boolean exhausted = false;
            while (true) {
                while (running < executor.concurrency()) {
                    AshaScheduler.Step step = scheduler.promotion();
                    while (step == null && !exhausted) {
                        if (generated < total && generator.hasMoreCandidates()) {
                            generated++;
                            Track t = Track.of(generator.getCandidate());
                            tracks.put(t.index, t);
                            if (t.outcome == null) {
                                step = scheduler.admit(t.index);
                            }
                        } else {
                            exhausted = true;
                            scheduler.allAdmitted();
                            step = scheduler.promotion();
                        }
                    }
                    if (step == null) {
                        break;
                    }
                    RungJob job = tracks.get(step.candidate).job(step, schedule.maxIterations());
                    running++;
                    executor.submit(job).whenComplete((r, e) -> done.add(new Done(job, r, e)));
                }
                if (running == 0) {
                    break;
                }
                Done d = take(done);
                running--;
                RungResult r = d.result();
                Track t = tracks.get(r.candidate());
                t.record(r);
                if (r.status() == RungResult.Status.SCORED) {
                    scheduler.scored(r.candidate(), r.rung(), r.score());
                    if (scheduler.top(r.rung())) {
                        t.finish(CandidateOutcome.COMPLETED);
                        executor.release(r.candidate());
                    }
                } else {
                    scheduler.ended(r.candidate());
                    executor.release(r.candidate());
                }
                if (progress != null) {
                    progress.accept(r);
                }
            }
        }
        long wall = (System.nanoTime() - t0) / 1_000_000L;
        List<SweepResult> results = new ArrayList<>();
        for (Track t : tracks.values()) {
            results.add(t.result(scheduler));
        }
        return new SweepReport(results, trainer.minimize(), wall, rule, schedule);
    }

    private static Done take(BlockingQueue<Done> done) {
        try {
            return done.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException("the sweep was interrupted");
            c.initCause(e);
            throw c;
        }
    }

    /** A job and how it ended. */
    private static final class Done {
        final RungJob job;
        final RungResult result;
        final Throwable error;

        Done(RungJob job, RungResult result, Throwable error) {
            this.job = job;
            this.result = result;
            this.error = error;
        }

        /** @return the result, or rethrows what stopped the executor */
        RungResult result() {
            if (error == null) {
                return result;
            }
            Throwable e = error;
            while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
                e = e.getCause();
            }
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            if (e instanceof CancellationException) {
                throw (CancellationException) e;
            }
            throw new IllegalStateException("the executor failed on " + job + ": " + e, e);
        }
    }

    /** What the sweep knows about one candidate. */
    private static final class Track {
        final int index;
        final SweepTaskCreator.Description description;
        final ModelType type;
        final String json;
        final long seed;
        final Map<String, Object> dataParameters;
        final List<int[]> rungs = new ArrayList<>();
        final List<Double> scores = new ArrayList<>();
        CandidateOutcome outcome;
        byte[] state;
        int iterations;
        long wallMillis;
        Verdict verdict;
        Violation pruneReason;
        String error;

        private Track(int index, SweepTaskCreator.Description description, ModelType type, String json, long seed,
                Map<String, Object> dataParameters) {
            this.index = index;
            this.description = description;
            this.type = type;
            this.json = json;
            this.seed = seed;
            this.dataParameters = dataParameters;
        }

        /** A generated candidate; CRASHED at once if its configuration cannot be generated or is unusable. */
        static Track of(Candidate candidate) {
            try {
                if (candidate.getException() != null) {
                    throw candidate.getException();
                }
                Object value = candidate.getValue();
                if (value instanceof DL4JConfiguration) {
                    DL4JConfiguration c = (DL4JConfiguration) value;
                    SweepTaskCreator.requireNoEarlyStopping(c.getEarlyStoppingConfiguration());
                    MultiLayerConfiguration conf = c.getMultiLayerConfiguration();
                    return new Track(candidate.getIndex(), SweepTaskCreator.Description.of(ModelType.layers(conf)),
                            ModelType.MULTI_LAYER_NETWORK, conf.toJson(), conf.getConf(0).getSeed(),
                            candidate.getDataParameters());
                }
                if (value instanceof GraphConfiguration) {
                    GraphConfiguration c = (GraphConfiguration) value;
                    SweepTaskCreator.requireNoEarlyStopping(c.getEarlyStoppingConfiguration());
                    ComputationGraphConfiguration conf = c.getConfiguration();
                    return new Track(candidate.getIndex(), SweepTaskCreator.Description.of(ModelType.layers(conf)),
                            ModelType.COMPUTATION_GRAPH, conf.toJson(), conf.getDefaultConfiguration().getSeed(),
                            candidate.getDataParameters());
                }
                throw new IllegalArgumentException("candidate value must be a DL4JConfiguration (MultiLayerSpace) "
                        + "or a GraphConfiguration (ComputationGraphSpace), was "
                        + (value == null ? "null" : value.getClass().getName()));
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                Track t = new Track(candidate.getIndex(), SweepTaskCreator.Description.UNBUILT, null, null, 0L, null);
                t.outcome = CandidateOutcome.CRASHED;
                t.error = "candidate generation failed: " + SweepTaskCreator.text(e);
                return t;
            }
        }

        /** @param maxIterations the schedule's top budget: a job reaching it is the candidate's last */
        RungJob job(AshaScheduler.Step step, int maxIterations) {
            return new RungJob(index, step.rung, type, json, seed, step.from, step.to, state, dataParameters,
                    step.to >= maxIterations);
        }

        void record(RungResult r) {
            wallMillis += r.wallMillis();
            iterations = r.iterations();
            verdict = r.verdict();
            state = r.state();
            if (r.status() == RungResult.Status.SCORED) {
                rungs.add(new int[] {r.rung(), r.iterations()});
                scores.add(r.score());
            } else if (r.status() == RungResult.Status.PRUNED) {
                finish(CandidateOutcome.PRUNED);
                pruneReason = r.pruneReason();
            } else {
                finish(CandidateOutcome.CRASHED);
                error = r.error();
            }
        }

        /** The candidate will not train again: its outcome is final and its state can go. */
        void finish(CandidateOutcome o) {
            outcome = o;
            state = null;
        }

        SweepResult result(AshaScheduler scheduler) {
            List<RungScore> history = new ArrayList<>();
            for (int i = 0; i < rungs.size(); i++) {
                int rung = rungs.get(i)[0];
                int finished = scheduler.finished(index, rung);
                history.add(new RungScore(rung, rungs.get(i)[1], scores.get(i), scheduler.rank(index, rung),
                        finished, scheduler.quota(rung, finished)));
            }
            CandidateOutcome o = outcome != null ? outcome : CandidateOutcome.STOPPED;
            double score = o == CandidateOutcome.COMPLETED || o == CandidateOutcome.STOPPED
                    ? scores.get(scores.size() - 1) : Double.NaN;
            return new SweepResult(index, description.initializer, description.activation, description.layers, o,
                    verdict, pruneReason, error, score, iterations, wallMillis, history);
        }
    }

    /** Builds an {@link AshaSweep}; {@link #build()} validates the whole configuration. */
    public static final class Builder extends SweepBuilder<Builder> {
        private Schedule schedule;
        private int concurrency = 1;
        private Function<RungTrainer, RungExecutor> executors;
        private Consumer<RungResult> progress;

        private Builder(ParameterSpace<?> space) {
            super(space);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param schedule the rungs: {@link Schedule#asha}, {@link Schedule#hyperband} or
         *                 {@link Schedule#fullBudget}; required
         * @return this
         */
        public Builder schedule(Schedule schedule) {
            this.schedule = Spaces.notNull("schedule", schedule);
            return this;
        }

        /**
         * @param concurrency candidates training at once on the default {@link LocalRungExecutor}, &gt;= 1
         *                    (default 1; up to the number of cores is useful)
         * @return this
         */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * @param executors creates the executor the jobs run on, given the trainer they share (default: a
         *                  {@link LocalRungExecutor} with {@link #concurrency(int)} threads); the sweep closes it
         * @return this
         */
        public Builder executor(Function<RungTrainer, RungExecutor> executors) {
            this.executors = Spaces.notNull("executors", executors);
            return this;
        }

        /**
         * @param progress called with each job's result as it arrives, on the thread that runs the sweep
         * @return this
         */
        public Builder progress(Consumer<RungResult> progress) {
            this.progress = Spaces.notNull("progress", progress);
            return this;
        }

        /**
         * @return the sweep
         * @throws IllegalArgumentException if the space is null, of another type, uses early stopping or has
         *                                  nothing to search, if no data or schedule was set, if pruning is on and
         *                                  the health configuration does not check every iteration or the first
         *                                  rung ends before the rule's window, or (grid) if a discrete leaf has a
         *                                  single value
         */
        public AshaSweep build() {
            validate();
            if (schedule == null) {
                throw new IllegalArgumentException("schedule must be set: call schedule(Schedule.asha(minIterations, "
                        + "maxIterations, eta)) or schedule(Schedule.fullBudget(iterations))");
            }
            requirePruningWindow(schedule, rule);
            return new AshaSweep(this);
        }
    }
}
