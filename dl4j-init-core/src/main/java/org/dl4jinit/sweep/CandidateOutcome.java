package org.dl4jinit.sweep;

/** How a sweep candidate ended. */
public enum CandidateOutcome {
    /** Trained for its full budget and scored. */
    COMPLETED,
    /** Stopped by the {@link PruningRule}: its initialization cannot train. Never scored, never the winner. */
    PRUNED,
    /**
     * Threw while being built, initialized, trained or scored (the exception text is recorded), or finished
     * with a NaN or infinite score (recorded as "non-finite score: ...").
     */
    CRASHED
}
