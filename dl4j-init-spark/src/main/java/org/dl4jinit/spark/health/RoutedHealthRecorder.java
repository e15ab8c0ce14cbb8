package org.dl4jinit.spark.health;

import java.io.Serializable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.HealthSubscriber;
import org.dl4jinit.storage.HealthRecorder;

/**
 * Records every report, as {@link HealthRecorder} does, to a router that travels with it: a
 * {@link DriverStorageRouter} (records come back to the driver's storage when each task ends) or DL4J's
 * {@code RemoteUIStatsStorageRouter} (records are posted to a UI server as they are made).
 * {@link HealthRecorder#to(StatsStorageRouter)} keeps its router only in the JVM that created it, since most
 * storages cannot be serialized; this subscriber is for listeners that Spark ships to executors and that have no
 * router of DL4J's, such as the health listener of each candidate of a search on Spark.
 *
 * <pre>{@code
 * HealthConfig health = HealthConfig.builder()
 *         .subscribe(RoutedHealthRecorder.to(DriverStorageRouter.to(sc, storage)))
 *         .build();
 * }</pre>
 */
public final class RoutedHealthRecorder implements HealthSubscriber {

    private static final long serialVersionUID = 1L;

    private final StatsStorageRouter router;
    private transient volatile HealthRecorder recorder;

    private RoutedHealthRecorder(StatsStorageRouter router) {
        this.router = router;
    }

    /**
     * @param router a serializable router, not null
     * @return a subscriber recording every report there
     * @throws IllegalArgumentException if the router is null or not {@link Serializable}
     */
    public static RoutedHealthRecorder to(StatsStorageRouter router) {
        if (router == null) {
            throw new IllegalArgumentException("router must not be null");
        }
        if (!(router instanceof Serializable)) {
            throw new IllegalArgumentException("router must be Serializable to travel to the executors, was "
                    + router.getClass().getName() + ": use DriverStorageRouter.to(sc, storage) or a "
                    + "RemoteUIStatsStorageRouter");
        }
        return new RoutedHealthRecorder(router);
    }

    /** @return the router the records go to */
    public StatsStorageRouter router() {
        return router;
    }

    @Override
    public void onReport(HealthReport report, Context context) {
        HealthRecorder r = recorder;
        if (r == null) {
            synchronized (this) {
                if (recorder == null) {
                    recorder = HealthRecorder.to(router);
                }
                r = recorder;
            }
        }
        r.onReport(report, context);
    }

    @Override
    public String toString() {
        return "RoutedHealthRecorder(" + router + ")";
    }
}
