/**
 * Initializer searches on Spark: {@link org.dl4jinit.spark.sweep.SparkRungExecutor} runs each job of an
 * {@code AshaSweep} (a rung of a candidate) as a Spark task, the scheduler staying on the driver, as Hyperopt's
 * {@code SparkTrials} runs trials; {@link org.dl4jinit.spark.sweep.SparkRungExecutorFactory} is the
 * {@code RungExecutorFactory} named "spark" that the command line's {@code --spark MASTER} finds by
 * {@code ServiceLoader}. See docs/spark.md.
 */
package org.dl4jinit.spark.sweep;
