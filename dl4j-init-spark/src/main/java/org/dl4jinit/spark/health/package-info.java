/**
 * Gradient health in DL4J's Spark training. A {@link org.dl4jinit.health.GradientHealthListener} given to
 * {@code SparkDl4jMultiLayer} or {@code SparkComputationGraph} through {@code setListeners(router, listeners)} runs
 * on every worker of every executor; its records reach a storage on the driver (and so the Gradient Health page,
 * whose worker selector lists each worker) and a THROW on any worker fails the driver's job with a message that
 * names the worker, the layer and the condition. {@link org.dl4jinit.spark.health.SparkHealth} attaches it for
 * either training master; {@link org.dl4jinit.spark.health.DriverStorageRouter} brings records written on
 * executors back to the driver through a Spark accumulator; {@link org.dl4jinit.spark.health.RoutedHealthRecorder}
 * records to a router that travels with the listener (a search's candidates). See docs/spark.md.
 */
package org.dl4jinit.spark.health;
