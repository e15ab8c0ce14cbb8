package org.dl4jinit.sweep;

import java.io.Serializable;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.health.Violation;

/**
 * What a {@link RungJob} produced: the candidate's score at the job's rung, or why it has none (pruned by its
 * health, with the finding; crashed, with the exception text), the iterations it has trained, its last health
 * verdict, the job's wall time and, from executors that do not keep models, the model's new state.
 * {@link Serializable}: it travels back from wherever the job ran.
 */
public final class RungResult implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How a job ended. */
    public enum Status {
        /** Trained to the rung's budget and scored with a finite score. */
        SCORED,
        /** Stopped by the {@link PruningRule}: its health was FAILING; no score. */
        PRUNED,
        /**
         * Threw while being built, restored, trained or scored (the exception text is kept), or scored NaN or
         * infinite; no score.
         */
        CRASHED
    }

    private final int candidate;
    private final int rung;
    private final Status status;
    private final double score;
    private final int iterations;
    private final Verdict verdict;
    private final Violation pruneReason;
    private final String error;
    private final long wallMillis;
    private final byte[] state;

    private RungResult(int candidate, int rung, Status status, double score, int iterations, Verdict verdict,
            Violation pruneReason, String error, long wallMillis, byte[] state) {
        this.candidate = candidate;
        this.rung = rung;
        this.status = status;
        this.score = score;
        this.iterations = iterations;
        this.verdict = verdict;
        this.pruneReason = pruneReason;
        this.error = error;
        this.wallMillis = wallMillis;
        this.state = state;
    }

    static RungResult scored(RungJob job, double score, Verdict verdict, long wallMillis, byte[] state) {
        return new RungResult(job.candidate(), job.rung(), Status.SCORED, score, job.to(), verdict, null, null,
                wallMillis, state);
    }

    static RungResult pruned(RungJob job, int iterations, Violation finding, long wallMillis) {
        return new RungResult(job.candidate(), job.rung(), Status.PRUNED, Double.NaN, iterations, Verdict.FAILING,
                finding, null, wallMillis, null);
    }

    static RungResult crashed(RungJob job, int iterations, Verdict verdict, String error, long wallMillis) {
        return new RungResult(job.candidate(), job.rung(), Status.CRASHED, Double.NaN, iterations, verdict, null,
                error, wallMillis, null);
    }

    /**
     * For an executor whose job was lost outside {@link RungTrainer} (e.g. the process running it died): the
     * candidate is recorded as CRASHED with this text, at the iterations it had before the job, and the search
     * goes on.
     *
     * @param job   the job
     * @param error what happened
     * @return a CRASHED result
     */
    public static RungResult crashed(RungJob job, String error) {
        return crashed(job, job.from(), null, Spaces.notNull("error", error), 0L);
    }

    /** @return the candidate's index */
    public int candidate() {
        return candidate;
    }

    /** @return the rung of the job */
    public int rung() {
        return rung;
    }

    /** @return how the job ended */
    public Status status() {
        return status;
    }

    /** @return the score at the rung (finite), or NaN unless {@link Status#SCORED} */
    public double score() {
        return score;
    }

    /** @return the iterations the candidate has trained in all (the job's {@code to} when scored) */
    public int iterations() {
        return iterations;
    }

    /** @return the health verdict of the last checked iteration, or null if none was checked */
    public Verdict verdict() {
        return verdict;
    }

    /** @return for a PRUNED job, the finding that pruned it; else null */
    public Violation pruneReason() {
        return pruneReason;
    }

    /** @return for a CRASHED job, the exception text (or "non-finite score: ..."); else null */
    public String error() {
        return error;
    }

    /** @return the job's wall time in milliseconds: build or restore, training and scoring */
    public long wallMillis() {
        return wallMillis;
    }

    /**
     * @return the model after the job (ModelSerializer bytes with the updater) when the executor does not keep
     *         it, for the candidate's next job; null when the executor keeps it or the candidate is finished
     *         (not copied: do not modify)
     */
    public byte[] state() {
        return state;
    }

    @Override
    public String toString() {
        return "candidate " + candidate + " at rung " + rung + ": " + status
                + (status == Status.SCORED ? " " + score : "") + " after " + iterations + " iterations"
                + (pruneReason != null ? " (" + pruneReason.message() + ")" : error != null ? " (" + error + ")" : "");
    }
}
