package org.dl4jinit.health;

/**
 * Thrown by {@link GradientHealthListener} under {@link HealthPolicy#THROW}: training cannot work as
 * initialized. The message names the layer, the condition, the measured value and a remedy; the whole report
 * is attached.
 */
public final class UnhealthyTrainingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HealthReport report;
    private final Violation violation;

    /**
     * @param report    the report of the failing iteration
     * @param violation the first finding that triggered the policy
     */
    public UnhealthyTrainingException(HealthReport report, Violation violation) {
        super("Training is unhealthy at iteration " + report.iteration() + ": " + violation.message()
                + (report.violations().size() > 1 ? " (+" + (report.violations().size() - 1) + " more findings)" : ""));
        this.report = report;
        this.violation = violation;
    }

    /** @return the report of the failing iteration (null after Java deserialization) */
    public HealthReport report() {
        return report;
    }

    /** @return the finding that stopped training */
    public Violation violation() {
        return violation;
    }
}
