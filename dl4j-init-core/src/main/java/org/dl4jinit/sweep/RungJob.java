package org.dl4jinit.sweep;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * One unit of work of an {@link AshaSweep}: "train candidate c from iteration {@code from} to iteration
 * {@code to}, then score it at rung k". Self-contained and {@link Serializable}, so a {@link RungExecutor} may run
 * it in another JVM: it names the candidate's network by its configuration JSON, carries the model's state
 * (ModelSerializer bytes, updater included) when training resumes elsewhere, and the seed of the candidate's
 * random numbers. The data and the score function are not in the job: they are the same for every job and
 * travel once, in the {@link RungTrainer}.
 *
 * <p>A job with {@code from == 0} builds and initializes the network from its configuration (and runs LSUV on
 * the first training batch for an {@link LsuvInit} candidate). A job with {@code from > 0} continues: from
 * {@link #state()} if it carries one, otherwise from the model an executor kept in memory
 * ({@link LocalRungExecutor}). Either way the candidate sees the training stream's batches {@code from} …
 * {@code to − 1}, exactly as if it had trained from 0 to {@code to} in one go.
 *
 * <p>A job that ends at the schedule's maximum budget is {@link #last()}: no job continues from its model, so
 * its result carries no state (saving and shipping a model nobody restores cost up to a few hundred
 * milliseconds per job on Spark, see docs/benchmarks.md).
 */
public final class RungJob implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int candidate;
    private final int rung;
    private final ModelType modelType;
    private final String configJson;
    private final long seed;
    private final int from;
    private final int to;
    private final byte[] state;
    private final HashMap<String, Object> dataParameters;
    private final boolean last;

    /**
     * @param candidate      the candidate's index
     * @param rung           the rung it is scored at after this job
     * @param modelType      what the configuration builds
     * @param configJson     the network configuration as JSON
     * @param seed           the candidate's seed: iteration i reseeds ND4J's random generator of the running thread
     *                       from (seed, i), so dropout and other random layers draw the same numbers whichever
     *                       thread or JVM runs which part
     * @param from           the iterations already trained, &gt;= 0
     * @param to             the iterations trained after this job, &gt; from
     * @param state          the model after {@code from} iterations (ModelSerializer bytes with the updater), or
     *                       null: a fresh start ({@code from == 0}) or a model the executor keeps
     * @param dataParameters Arbiter's data parameters of the candidate, or null
     * @throws IllegalArgumentException for a negative candidate or rung, a null type or configuration, or
     *                                  {@code to <= from}, or state given with {@code from == 0}
     */
    public RungJob(int candidate, int rung, ModelType modelType, String configJson, long seed, int from, int to,
            byte[] state, Map<String, Object> dataParameters) {
        this(candidate, rung, modelType, configJson, seed, from, to, state, dataParameters, false);
    }

    /**
     * @param candidate      the candidate's index
     * @param rung           the rung it is scored at after this job
     * @param modelType      what the configuration builds
     * @param configJson     the network configuration as JSON
     * @param seed           the candidate's seed (see the other constructor)
     * @param from           the iterations already trained, &gt;= 0
     * @param to             the iterations trained after this job, &gt; from
     * @param state          the model after {@code from} iterations, or null
     * @param dataParameters Arbiter's data parameters of the candidate, or null
     * @param last           whether no job continues from this one's model (it reaches the maximum budget): its
     *                       SCORED result then carries no state
     * @throws IllegalArgumentException as the other constructor
     */
    public RungJob(int candidate, int rung, ModelType modelType, String configJson, long seed, int from, int to,
            byte[] state, Map<String, Object> dataParameters, boolean last) {
        if (candidate < 0) {
            throw new IllegalArgumentException("candidate must be >= 0, was " + candidate);
        }
        if (rung < 0) {
            throw new IllegalArgumentException("rung must be >= 0, was " + rung);
        }
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("iterations must satisfy 0 <= from < to, was from " + from + ", to "
                    + to);
        }
        if (state != null && from == 0) {
            throw new IllegalArgumentException("a job starting at iteration 0 builds its model: state must be null");
        }
        this.candidate = candidate;
        this.rung = rung;
        this.modelType = Spaces.notNull("modelType", modelType);
        this.configJson = Spaces.notNull("configJson", configJson);
        this.seed = seed;
        this.from = from;
        this.to = to;
        this.state = state;
        this.dataParameters = dataParameters == null ? null : new HashMap<>(dataParameters);
        this.last = last;
    }

    /** @return the candidate's index */
    public int candidate() {
        return candidate;
    }

    /** @return the rung the candidate is scored at after this job */
    public int rung() {
        return rung;
    }

    /** @return what the configuration builds */
    public ModelType modelType() {
        return modelType;
    }

    /** @return the network configuration as JSON */
    public String configJson() {
        return configJson;
    }

    /** @return the candidate's seed */
    public long seed() {
        return seed;
    }

    /** @return the iterations trained before this job */
    public int from() {
        return from;
    }

    /** @return the iterations trained after this job */
    public int to() {
        return to;
    }

    /** @return the model's state after {@link #from()} iterations, or null (not copied: do not modify) */
    public byte[] state() {
        return state;
    }

    /** @return Arbiter's data parameters of the candidate, or null */
    public Map<String, Object> dataParameters() {
        return dataParameters;
    }

    /** @return whether no job continues from this one's model, so that its result needs no state */
    public boolean last() {
        return last;
    }

    @Override
    public String toString() {
        return "candidate " + candidate + ": iterations " + from + " -> " + to + ", scored at rung " + rung
                + (last ? " (last)" : "") + (state == null ? "" : " (state " + state.length + " bytes)");
    }
}
