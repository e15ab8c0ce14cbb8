package org.dl4jinit.health;

import java.io.Serializable;
import org.deeplearning4j.core.storage.StatsStorageRouter;

/**
 * Receives every report a {@link GradientHealthListener} makes, on the training thread, right after the
 * checked iteration. The listener's own outputs are subscribers too: logging ({@link HealthPolicy#LOG}), the
 * callback ({@link HealthPolicy#CALLBACK}) and stopping ({@link HealthPolicy#THROW}); so are the records for the
 * UI ({@code org.dl4jinit.storage.HealthRecorder}), a sweep's pruning and a study's recorder. Subscribe with
 * {@link HealthConfig.Builder#subscribe(HealthSubscriber)}.
 *
 * <p>A subscriber sees the report whatever the policies say and decides itself what to do with it; it must be
 * quick, and thread-safe when one configuration serves several workers (ParallelWrapper gives each worker a
 * listener clone with the same configuration). It must be serializable for DL4J's Spark training, which ships
 * listeners to the executors.
 *
 * <p>If a subscriber throws, the listener still runs the others, then rethrows: an
 * {@link UnhealthyTrainingException} (THROW, or a subscriber that stops training on purpose, such as a sweep's
 * pruning) as it is, with other subscribers' exceptions attached as suppressed; any other exception wrapped in
 * a {@link HealthSubscriberException} that names the iteration and the headline finding.
 */
@FunctionalInterface
public interface HealthSubscriber extends Serializable {

    /**
     * @param report  the report of a checked iteration
     * @param context what the listener offers besides the report
     */
    void onReport(HealthReport report, Context context);

    /** What a subscriber may use besides the report. */
    interface Context {
        /**
         * @return the router the listener was given through DL4J's {@code RoutingIterationListener} protocol
         *         ({@code setStorageRouter}; ParallelWrapper and Spark training set it for each worker), or null
         */
        StatsStorageRouter router();
    }
}
