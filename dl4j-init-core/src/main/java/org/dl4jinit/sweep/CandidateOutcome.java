package org.dl4jinit.sweep;

/** How a sweep candidate ended. */
public enum CandidateOutcome {
    /** Trained for its full budget (in an {@link AshaSweep}: reached the top rung) and scored. */
    COMPLETED,
    /** Stopped by the {@link PruningRule}: its initialization cannot train. Never scored, never the winner. */
    PRUNED,
    /**
     * Threw while being built, initialized, trained or scored (the exception text is recorded), or finished
     * with a NaN or infinite score (recorded as "non-finite score: ...").
     */
    CRASHED,
    /**
     * Successive halving ({@link AshaSweep}) did not promote it: it was scored at a rung below the top, after
     * fewer iterations than the full budget, and too many candidates did better there. Its score is at that
     * smaller budget, so it never wins.
     */
    STOPPED
}
