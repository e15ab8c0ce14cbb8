package org.dl4jinit.health;

/**
 * Training cannot work as it is: thrown by {@link GradientHealthListener} under {@link HealthPolicy#THROW}
 * (and, as {@code CandidatePrunedException}, by a sweep's pruning). The message names the layer, the condition,
 * the measured value, the cause and the remedy of the report's headline finding; the whole report is attached.
 */
public class UnhealthyTrainingException extends RuntimeException {

    private static final long serialVersionUID = 2L;

    private final transient HealthReport report;
    private final Violation violation;

    /**
     * @param report the report of the failing iteration, with a headline finding
     * @throws IllegalArgumentException if the report has no finding
     */
    public UnhealthyTrainingException(HealthReport report) {
        this(report, "Training is unhealthy at iteration " + report.iteration() + ": ");
    }

    /**
     * @param report the report that stops training, with a headline finding
     * @param prefix the message before the headline finding
     * @throws IllegalArgumentException if the report has no finding
     */
    protected UnhealthyTrainingException(HealthReport report, String prefix) {
        super(prefix + headline(report).message() + (report.violations().size() > 1 ? " (+"
                + (report.violations().size() - 1) + " more findings)" : ""));
        this.report = report;
        this.violation = headline(report);
    }

    private static Violation headline(HealthReport report) {
        return report.headline().orElseThrow(() -> new IllegalArgumentException(
                "report must have a finding to stop training on, was " + report));
    }

    /** @return the report of the failing iteration (null after Java deserialization) */
    public HealthReport report() {
        return report;
    }

    /** @return the headline finding that stopped training */
    public Violation violation() {
        return violation;
    }
}
