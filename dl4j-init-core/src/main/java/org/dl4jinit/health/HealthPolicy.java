package org.dl4jinit.health;

/**
 * What the listener does with WARNING and FAILING findings (configured per verdict: a WARNING finding follows
 * {@link HealthConfig#onWarning()}, a FAILING one {@link HealthConfig#onFailing()}, whatever the iteration's
 * overall verdict).
 */
public enum HealthPolicy {
    /**
     * Log through SLF4J: a finding when it appears or gets worse (WARN), once when it goes away (INFO), and
     * while findings persist at most one summary line every {@link HealthConfig#summaryEvery()} checked
     * iterations (INFO). Never a line per iteration.
     */
    LOG,
    /** Pass the report to the configured {@link HealthCallback}. */
    CALLBACK,
    /**
     * Stop training: throw {@link UnhealthyTrainingException} from the listener, which ends {@code fit}. Meant
     * for {@link HealthConfig#onFailing()}: a warning is something to look at, rarely a reason to stop.
     */
    THROW
}
