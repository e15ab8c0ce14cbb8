package org.dl4jinit.sweep;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.health.Violation;

/**
 * One row of a {@link SweepReport}: what the candidate was (initializer with its parameters, activation,
 * depth), how it ended, its last health verdict, its score, the iterations it ran and its wall time.
 */
public final class SweepResult implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int index;
    private final String initializer;
    private final String activation;
    private final int layers;
    private final CandidateOutcome outcome;
    private final Verdict verdict;
    private final Violation pruneReason;
    private final String error;
    private final double score;
    private final int iterations;
    private final long wallMillis;
    private final List<RungScore> rungs;

    SweepResult(int index, String initializer, String activation, int layers, CandidateOutcome outcome,
            Verdict verdict, Violation pruneReason, String error, double score, int iterations, long wallMillis) {
        this(index, initializer, activation, layers, outcome, verdict, pruneReason, error, score, iterations,
                wallMillis, List.of());
    }

    SweepResult(int index, String initializer, String activation, int layers, CandidateOutcome outcome,
            Verdict verdict, Violation pruneReason, String error, double score, int iterations, long wallMillis,
            List<RungScore> rungs) {
        this.index = index;
        this.initializer = initializer;
        this.activation = activation;
        this.layers = layers;
        this.outcome = outcome;
        this.verdict = verdict;
        this.pruneReason = pruneReason;
        this.error = error;
        this.score = score;
        this.iterations = iterations;
        this.wallMillis = wallMillis;
        this.rungs = List.copyOf(rungs);
    }

    /** @return Arbiter's candidate index */
    public int index() {
        return index;
    }

    /** @return the initializer(s) of the hidden layers, with their parameters (toString) */
    public String initializer() {
        return initializer;
    }

    /** @return the activation(s) of the hidden layers */
    public String activation() {
        return activation;
    }

    /** @return the number of layers, output included (0 if the candidate could not be built) */
    public int layers() {
        return layers;
    }

    /** @return how the candidate ended */
    public CandidateOutcome outcome() {
        return outcome;
    }

    /** @return the health verdict of its last checked iteration, or null if none was checked */
    public Verdict verdict() {
        return verdict;
    }

    /** @return for a PRUNED candidate, the finding that pruned it (layer, condition, value); else null */
    public Violation pruneReason() {
        return pruneReason;
    }

    /** @return for a CRASHED candidate, the exception text; else null */
    public String error() {
        return error;
    }

    /**
     * @return the score, or NaN unless COMPLETED or STOPPED (STOPPED: its score at the rung where it stopped, after
     *         fewer iterations)
     */
    public double score() {
        return score;
    }

    /** @return the training iterations it ran */
    public int iterations() {
        return iterations;
    }

    /** @return its wall time in milliseconds: build, LSUV, training and scoring */
    public long wallMillis() {
        return wallMillis;
    }

    /**
     * @return its scores at the rungs it reached, lowest first (empty unless it ran in an {@link AshaSweep} and was
     *         scored at least once)
     */
    public List<RungScore> rungs() {
        return rungs;
    }

    /** @return the highest rung it was scored at, or -1 if none (and for sweeps without rungs) */
    public int rung() {
        return rungs.isEmpty() ? -1 : rungs.get(rungs.size() - 1).rung();
    }

    /**
     * @return the pruning reason's message, the error, for a STOPPED candidate why it was not promoted (its rank
     *         at its last rung and how many were promoted there), or ""
     */
    public String reason() {
        if (outcome == CandidateOutcome.STOPPED && !rungs.isEmpty()) {
            RungScore s = rungs.get(rungs.size() - 1);
            return String.format(Locale.ROOT, "not promoted at rung %d (%d iterations): rank %d of %d, the top %d "
                    + "go on", s.rung(), s.iterations(), s.rank(), s.finished(), s.quota());
        }
        return pruneReason != null ? pruneReason.message() : error != null ? error : "";
    }

    /** @return a short label: "#index initializer / activation / layers" */
    public String label() {
        return "#" + index + " " + initializer + " / " + activation + " / " + layers + " layers";
    }

    @Override
    public String toString() {
        return label() + ": " + outcome + (Double.isNaN(score) ? "" : " score " + score)
                + (reason().isEmpty() ? "" : " (" + reason() + ")");
    }
}
