package org.dl4jinit.health;

/**
 * Receives the reports of iterations with findings, on the training thread; keep it short. Must be
 * serializable if the listener is (ParallelWrapper and Spark clone listeners).
 */
@FunctionalInterface
public interface HealthCallback extends java.io.Serializable {
    /**
     * @param report an immutable report whose verdict is WARNING or FAILING
     */
    void onReport(HealthReport report);
}
