package org.dl4jinit.sweep;

import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.HealthSubscriber;

/**
 * Applies a {@link PruningRule} to every report of a candidate's {@link GradientHealthListener}: it subscribes to
 * the listener (so it never depends on the order of DL4J listeners) and reads the report's
 * {@link HealthReport#failingStreak()}, the one counter THROW and {@code HealthTerminationCondition} read too.
 * Throws {@link CandidatePrunedException} to stop {@code fit}; the listener passes it through unchanged.
 * Stateless: one instance may serve every candidate.
 */
public final class PruningSubscriber implements HealthSubscriber {

    private static final long serialVersionUID = 1L;

    private final PruningRule rule;

    /**
     * @param rule the rule, not null
     * @throws IllegalArgumentException if rule is null
     */
    public PruningSubscriber(PruningRule rule) {
        this.rule = Spaces.notNull("rule", rule);
    }

    /** @return the rule */
    public PruningRule rule() {
        return rule;
    }

    @Override
    public void onReport(HealthReport report, Context context) {
        // the report's iteration is the model's count before the step: iteration + 1 steps are done
        if (report.isFailing() && rule.prunes(report.iteration() + 1, report.failingStreak())) {
            throw new CandidatePrunedException(report, rule);
        }
    }

    @Override
    public String toString() {
        return "PruningSubscriber(" + rule + ")";
    }
}
