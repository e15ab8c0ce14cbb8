package org.dl4jinit.sweep;

import org.dl4jinit.health.Violation;

/**
 * Thrown by {@link PruningListener} from inside {@code fit} to stop a candidate that met its
 * {@link PruningRule}; {@link SweepTaskCreator} catches it and records the candidate as
 * {@link CandidateOutcome#PRUNED}. Under Arbiter's own task creators it ends the candidate as Failed, with this
 * message (layer, condition, value) as the stack trace.
 */
public final class CandidatePrunedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int iteration;
    private final Violation violation;

    /**
     * @param iteration the 1-based iteration at which the rule fired
     * @param streak    the consecutive FAILING iterations
     * @param rule      the rule
     * @param violation the first FAILING finding of that iteration
     */
    public CandidatePrunedException(int iteration, int streak, PruningRule rule, Violation violation) {
        super("pruned at iteration " + iteration + " (" + streak + " consecutive FAILING iterations; rule: " + rule
                + "): " + violation.message());
        this.iteration = iteration;
        this.violation = violation;
    }

    /** @return the 1-based iteration at which the rule fired */
    public int iteration() {
        return iteration;
    }

    /** @return the finding: layer, condition, figure, value, threshold */
    public Violation violation() {
        return violation;
    }
}
