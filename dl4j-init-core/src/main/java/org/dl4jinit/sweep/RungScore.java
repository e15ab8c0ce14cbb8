package org.dl4jinit.sweep;

import java.io.Serializable;
import java.util.Locale;

/**
 * A candidate's score at one rung of an {@link AshaSweep}, with its final standing there: its rank among the
 * candidates (of its bracket) scored at that rung, how many they were, and how many of them successive halving
 * promotes (⌈n/η⌉ at the end of a sweep, see {@link AshaSweep}; 0 at the top rung). The points of the classic successive-halving picture (score against
 * iterations, one line per candidate) and the reason a candidate stopped.
 */
public final class RungScore implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int rung;
    private final int iterations;
    private final double score;
    private final int rank;
    private final int finished;
    private final int quota;

    RungScore(int rung, int iterations, double score, int rank, int finished, int quota) {
        this.rung = rung;
        this.iterations = iterations;
        this.score = score;
        this.rank = rank;
        this.finished = finished;
        this.quota = quota;
    }

    /** @return the rung */
    public int rung() {
        return rung;
    }

    /** @return the iterations trained when scored (the rung's budget) */
    public int iterations() {
        return iterations;
    }

    /** @return the score */
    public double score() {
        return score;
    }

    /** @return its 1-based rank among the candidates scored at this rung, at the end of the sweep */
    public int rank() {
        return rank;
    }

    /** @return how many candidates were scored at this rung */
    public int finished() {
        return finished;
    }

    /**
     * @return how many of them successive halving promotes by the end of the sweep, ⌈finished/η⌉ (0 at the top
     *         rung); with several jobs at once a few more may have been promoted earlier, on the results then known
     */
    public int quota() {
        return quota;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "rung %d (%d iterations): %.6g, rank %d of %d", rung, iterations, score,
                rank, finished);
    }
}
