package org.dl4jinit.health;

/** What the listener does with a WARNING or FAILING finding (configured per verdict). */
public enum HealthPolicy {
    /** Log the finding through SLF4J when it first appears or gets worse (WARN level). */
    LOG,
    /** Pass the report to the configured {@link HealthCallback}. */
    CALLBACK,
    /** Stop training: throw {@link UnhealthyTrainingException} from the listener, which ends {@code fit}. */
    THROW
}
