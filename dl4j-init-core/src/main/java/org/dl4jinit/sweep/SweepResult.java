package org.dl4jinit.sweep;

import java.io.Serializable;
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

    SweepResult(int index, String initializer, String activation, int layers, CandidateOutcome outcome,
            Verdict verdict, Violation pruneReason, String error, double score, int iterations, long wallMillis) {
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

    /** @return the score, or NaN unless COMPLETED */
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

    /** @return the pruning reason's message, the error, or "" */
    public String reason() {
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
