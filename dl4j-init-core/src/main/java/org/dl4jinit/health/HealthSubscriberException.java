package org.dl4jinit.health;

/**
 * Thrown from {@code fit()} when a {@link HealthSubscriber} (or the {@link HealthCallback} of policy CALLBACK)
 * failed: it names the subscriber, the model's iteration and the report's headline finding, and carries the
 * subscriber's exception as its cause. When the report also triggers THROW, {@code fit()} sees the
 * {@link UnhealthyTrainingException} instead, with this exception attached as suppressed: the health finding is
 * never lost behind a failing callback.
 */
public final class HealthSubscriberException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HealthReport report;

    /**
     * @param subscriber what failed, e.g. "HealthCallback" or the subscriber's class name
     * @param report     the report it was given
     * @param cause      what it threw
     */
    public HealthSubscriberException(String subscriber, HealthReport report, Throwable cause) {
        super(subscriber + " failed on the health report of iteration " + report.iteration() + " (worker "
                + report.workerId() + ", verdict " + report.verdict()
                + report.headline().map(h -> ": " + h.finding()).orElse("") + "): " + cause, cause);
        this.report = report;
    }

    /** @return the report the subscriber was given (null after Java deserialization) */
    public HealthReport report() {
        return report;
    }
}
