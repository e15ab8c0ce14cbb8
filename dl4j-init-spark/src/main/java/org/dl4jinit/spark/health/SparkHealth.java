package org.dl4jinit.spark.health;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.SparkListenable;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.HealthPolicy;
import org.dl4jinit.health.HealthSubscriber;
import org.dl4jinit.storage.HealthRecorder;

/**
 * Attaches a {@link GradientHealthListener} to DL4J's Spark training so that every worker's reports reach a
 * storage on the driver and a THROW on any worker fails the driver's job, with either training master.
 *
 * <pre>{@code
 * InMemoryStatsStorage storage = new InMemoryStatsStorage();
 * UIServer.getInstance().attach(storage);                        // Gradient Health page, worker selector
 * SparkHealth.attach(sparkNet, storage, new GradientHealthListener(HealthConfig.builder()
 *         .onFailing(HealthPolicy.LOG, HealthPolicy.THROW).build()));
 * sparkNet.fit(trainingRdd);
 * }</pre>
 *
 * <p>It does what {@code sparkNet.setListeners(storage, listener)} does, plus what DL4J's two masters need:
 * <ul>
 *   <li>the listener records to the router DL4J gives each worker ({@link HealthRecorder#toListenerRouter()} is
 *       subscribed if no {@link HealthRecorder} is);</li>
 *   <li>{@code SharedTrainingMaster} ships the router itself to the executors and returns no records: a router
 *       that is not {@link Serializable} (an {@code InMemoryStatsStorage}) is wrapped in a
 *       {@link DriverStorageRouter};</li>
 *   <li>{@code ParameterAveragingTrainingMaster} gives each worker a fresh copy of the listener every averaging
 *       round, so a FAILING streak restarts every {@code averagingFrequency} iterations: a {@code failAfter}
 *       longer than that could never be reached, and is rejected.</li>
 * </ul>
 */
public final class SparkHealth {

    private SparkHealth() {
    }

    /**
     * @param net      the Spark network
     * @param storage  where the reports go on the driver (a StatsStorage, or any router)
     * @param listener the listener (its session id is the session of the records)
     * @return the listener attached: {@code listener}, or a copy with the same session subscribing a recorder
     * @throws IllegalArgumentException for null arguments, or a {@code failAfter} the training master's averaging
     *                                  rounds never reach
     */
    public static GradientHealthListener attach(SparkDl4jMultiLayer net, StatsStorageRouter storage,
            GradientHealthListener listener) {
        requireNonNull("net", net);
        return attach(net, net.getSparkContext(), net.getTrainingMaster(), storage, listener);
    }

    /**
     * @param graph    the Spark graph
     * @param storage  where the reports go on the driver (a StatsStorage, or any router)
     * @param listener the listener (its session id is the session of the records)
     * @return the listener attached: {@code listener}, or a copy with the same session subscribing a recorder
     * @throws IllegalArgumentException for null arguments, or a {@code failAfter} the training master's averaging
     *                                  rounds never reach
     */
    public static GradientHealthListener attach(SparkComputationGraph graph, StatsStorageRouter storage,
            GradientHealthListener listener) {
        requireNonNull("graph", graph);
        return attach(graph, graph.getSparkContext(), graph.getTrainingMaster(), storage, listener);
    }

    private static GradientHealthListener attach(SparkListenable net, JavaSparkContext sc, TrainingMaster<?, ?> master,
            StatsStorageRouter storage, GradientHealthListener listener) {
        requireNonNull("storage", storage);
        requireNonNull("listener", listener);
        HealthConfig config = listener.config();
        if (master instanceof ParameterAveragingTrainingMaster && config.onFailing().contains(HealthPolicy.THROW)) {
            int rounds = ((ParameterAveragingTrainingMaster) master).getAveragingFrequency();
            if (config.failAfter() > rounds) {
                throw new IllegalArgumentException("failAfter must be <= the averaging frequency (" + rounds
                        + ") of ParameterAveragingTrainingMaster, was " + config.failAfter() + ": each averaging "
                        + "round gives every worker a fresh listener, so a FAILING streak never gets longer than "
                        + rounds + " iterations; lower failAfter or raise averagingFrequency");
            }
        }
        GradientHealthListener attached = listener;
        if (!records(config)) {
            attached = new GradientHealthListener(config.toBuilder().subscribe(HealthRecorder.toListenerRouter())
                    .build());
            attached.setSessionID(listener.getSessionID());
        }
        StatsStorageRouter router = master instanceof ParameterAveragingTrainingMaster
                || storage instanceof Serializable ? storage : DriverStorageRouter.to(sc, storage);
        net.setListeners(router, List.<TrainingListener>of(attached));
        return attached;
    }

    private static boolean records(HealthConfig config) {
        for (HealthSubscriber s : config.subscribers()) {
            if (s instanceof HealthRecorder) {
                return true;
            }
        }
        return false;
    }

    private static void requireNonNull(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }
}
