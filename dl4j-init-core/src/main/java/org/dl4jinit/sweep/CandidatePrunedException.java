package org.dl4jinit.sweep;

import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.UnhealthyTrainingException;

/**
 * Thrown by {@link PruningSubscriber} from inside {@code fit} to stop a candidate that met its
 * {@link PruningRule}; {@link SweepTaskCreator} catches it and records the candidate as
 * {@link CandidateOutcome#PRUNED} with the report's headline finding as the reason. Under Arbiter's own task
 * creators it ends the candidate as Failed, with this message (layer, condition, value, cause, remedy) as the
 * stack trace. An {@link UnhealthyTrainingException}: a pruned candidate cannot train as initialized.
 */
public final class CandidatePrunedException extends UnhealthyTrainingException {

    private static final long serialVersionUID = 2L;

    private final int iteration;

    /**
     * @param report the report of the iteration at which the rule fired (FAILING, with a headline finding)
     * @param rule   the rule
     */
    public CandidatePrunedException(HealthReport report, PruningRule rule) {
        super(report, "pruned at iteration " + (report.iteration() + 1) + " (" + report.failingStreak()
                + " consecutive FAILING iterations; rule: " + rule + "): ");
        this.iteration = report.iteration() + 1;
    }

    /** @return the 1-based iteration at which the rule fired */
    public int iteration() {
        return iteration;
    }
}
