package org.dl4jinit.sweep;

import java.io.Serializable;
import java.util.concurrent.CancellationException;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.nn.api.Model;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.Verdict;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs {@link RungJob}s: builds (or restores) a candidate's network, trains it on the
 * {@linkplain TrainingStream training stream} from the job's first iteration to its last, with the health
 * listener and the {@link PruningRule} attached as in a plain sweep, and scores it with the sweep's
 * {@link ScoreFunction}. Holds what every job shares (data, score function, health configuration, rule) and is
 * {@link Serializable}, so an executor ships it once to wherever jobs run and calls {@link #run(RungJob)} there.
 *
 * <p><b>Same training wherever and however it runs.</b> Before iteration i the running thread's ND4J random
 * generator is reseeded from (candidate seed, i) and the batch is batch i of the stream, so a candidate's
 * weights after n iterations are the same whether it trained 0 → n in one job or in several, in memory or
 * restored from {@link RungResult#state()} bytes, on any thread (ND4J's generator is per thread) and in any
 * order relative to other candidates. Candidates must use one ND4J thread each for their results to be
 * identical bit for bit ({@link LocalRungExecutor} sets that).
 *
 * <p><b>Outcomes.</b> A job ends SCORED with a finite score; PRUNED when the rule stops it (the finding is kept;
 * the rule sees a candidate's iterations from 0 only in a job starting at 0 or continuing a model kept in
 * memory, so a sweep must end the rule's window K within the first rung: {@link AshaSweep} checks r &gt;= K);
 * CRASHED with the exception text when building, restoring, training or scoring throws, and with
 * "non-finite score: ..." when the score is NaN or infinite. A {@link VirtualMachineError} is rethrown (it is
 * not a property of the candidate); an interrupted job restores the interrupt flag and throws
 * {@link CancellationException}.
 */
public final class RungTrainer implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Odd constant (2^64 / golden ratio) spreading iteration numbers over the seed space. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final DataProvider data;
    private final ScoreFunction scoreFunction;
    private final HealthConfig health;
    private final PruningRule rule;

    /**
     * @param data          training data (its iterators must give the same batches in the same order on every
     *                      call, see {@link SweepData}) and the data the score function evaluates
     * @param scoreFunction the score at each rung, e.g. Arbiter's {@code TestSetLossScoreFunction}
     * @param health        the health listener configuration (frequency 1 when a rule is given)
     * @param rule          the pruning rule, or null to observe health only
     * @throws IllegalArgumentException for a null data, score function or health configuration, or a rule with a
     *                                  health frequency other than 1
     */
    public RungTrainer(DataProvider data, ScoreFunction scoreFunction, HealthConfig health, PruningRule rule) {
        this.data = Spaces.notNull("data", data);
        this.scoreFunction = Spaces.notNull("scoreFunction", scoreFunction);
        this.health = Spaces.notNull("health", health);
        this.rule = rule;
        if (rule != null) {
            PruningRule.requireEveryIteration(health.frequency());
        }
    }

    /**
     * @return the health listener configuration every job attaches (an executor that ships the trainer may need
     *         its subscribers, e.g. to bring their records back)
     */
    public HealthConfig health() {
        return health;
    }

    /** @return whether lower scores are better */
    public boolean minimize() {
        return scoreFunction.minimize();
    }

    /**
     * Runs a job anywhere: builds the model ({@code from == 0}) or restores it from the job's state, trains,
     * scores, and returns the model's new state with a SCORED result (unless the job is {@link RungJob#last()}).
     *
     * @param job the job; one that continues ({@code from > 0}) must carry the state
     * @return the result (never null; a candidate's failure is a CRASHED result, not an exception)
     * @throws VirtualMachineError    if the JVM ran out of memory or similar
     * @throws CancellationException if the thread was interrupted (the interrupt flag is restored)
     */
    public RungResult run(RungJob job) {
        return run(job, null, !job.last());
    }

    /**
     * Runs a job, continuing the model in {@code live} if it holds one (and leaving the model there for the next
     * job if it is given).
     *
     * @param job       the job
     * @param live      the candidate's model kept in memory, or null
     * @param saveState whether a SCORED result carries the model's bytes
     * @return the result
     */
    RungResult run(RungJob job, LiveModel live, boolean saveState) {
        long t0 = System.nanoTime();
        ModelType type = job.modelType();
        Model model = null;
        try {
            TrainingStream stream;
            if (live != null && live.model != null) {
                model = live.model;
                stream = live.stream;
                requireAt(job, type.iterations(model), "the model kept in memory");
            } else if (job.from() == 0) {
                model = type.build(job.configJson());
                LsuvInit lsuv = SweepTaskCreator.lsuvMarker(type.layers(model));
                if (lsuv != null) {
                    // LSUV's batch comes from a stream of its own: the training stream starts at batch 0 as for all
                    lsuv.lsuv().apply(model, TrainingStream.open(data, job.dataParameters(), 0).next());
                }
                HealthPruning.attach(model, job.candidate(), health, rule);
                stream = TrainingStream.open(data, job.dataParameters(), 0);
            } else {
                if (job.state() == null) {
                    throw new IllegalStateException("job for " + job + " resumes at iteration " + job.from()
                            + " but carries no state and no model of the candidate is kept in memory");
                }
                model = type.restore(job.state());
                requireAt(job, type.iterations(model), "the job's state");
                // the rule's window ends within the first job (AshaSweep checks r >= K): observe only from here
                HealthPruning.attach(model, job.candidate(), health, null);
                stream = TrainingStream.open(data, job.dataParameters(), job.from());
            }
            if (live != null) {
                live.model = model;
                live.stream = stream;
            }
            Random random = Nd4j.getRandom();
            for (int i = job.from(); i < job.to(); i++) {
                DataSet batch = stream.next();
                random.setSeed(iterationSeed(job.seed(), i));
                type.fit(model, batch);
                if (stream.passEnded()) {
                    type.endEpoch(model);
                }
            }
            double score = scoreFunction.score(model, data, job.dataParameters());
            Verdict verdict = HealthPruning.verdict(model);
            if (!Double.isFinite(score)) {
                return RungResult.crashed(job, job.to(), verdict, "non-finite score: " + score + " at rung "
                        + job.rung() + " after " + job.to() + " iterations (training diverged or the score function "
                        + "failed)", millis(t0));
            }
            return RungResult.scored(job, score, verdict, millis(t0), saveState ? type.save(model) : null);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            if (SweepTaskCreator.interrupted(t)) {
                Thread.currentThread().interrupt();
                CancellationException c = new CancellationException("job " + job + " was interrupted");
                c.initCause(t);
                throw c;
            }
            CandidatePrunedException pruned = HealthPruning.pruned(t);
            if (pruned != null) {
                return RungResult.pruned(job, pruned.iteration(), HealthPruning.finding(pruned), millis(t0));
            }
            return RungResult.crashed(job, model == null ? job.from() : type.iterations(model),
                    model == null ? null : HealthPruning.verdict(model), SweepTaskCreator.text(t), millis(t0));
        } finally {
            SweepTaskCreator.releaseWorkspaces();
        }
    }

    private static void requireAt(RungJob job, int iterations, String what) {
        if (iterations != job.from()) {
            throw new IllegalStateException("job for " + job + " starts at iteration " + job.from() + " but " + what
                    + " has trained " + iterations);
        }
    }

    /**
     * The seed of iteration i of a candidate: SplitMix64 of (seed, i), so neighbouring iterations and candidates
     * with neighbouring seeds get unrelated streams.
     */
    static long iterationSeed(long seed, int iteration) {
        long z = seed + GOLDEN_GAMMA * (iteration + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000L;
    }

    /** A candidate's model and training stream kept in memory between its jobs (by {@link LocalRungExecutor}). */
    static final class LiveModel {
        Model model;
        TrainingStream stream;
    }
}
