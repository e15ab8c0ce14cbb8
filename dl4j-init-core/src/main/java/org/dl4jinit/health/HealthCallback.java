package org.dl4jinit.health;

/**
 * Receives the reports of iterations with findings under policy {@link HealthPolicy#CALLBACK}, on the training
 * thread; keep it short. Must be serializable if the listener is (ParallelWrapper and Spark clone listeners). If
 * it throws, {@code fit()} ends with a {@link HealthSubscriberException} naming the iteration and the headline
 * finding (its cause is what the callback threw) — or, when the report also triggers THROW, with the
 * {@link UnhealthyTrainingException}, the callback's failure attached as suppressed. To see every report, not
 * only those with findings, subscribe a {@link HealthSubscriber} instead.
 */
@FunctionalInterface
public interface HealthCallback extends java.io.Serializable {
    /**
     * @param report an immutable report whose verdict is WARNING or FAILING
     */
    void onReport(HealthReport report);
}
