package org.dl4jinit.spark.sweep;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.dl4jinit.sweep.RungExecutor;
import org.dl4jinit.sweep.RungExecutorFactory;
import org.dl4jinit.sweep.RungTrainer;

/**
 * The {@link RungExecutorFactory} named {@code "spark"}: targets are Spark master URLs; {@link #open} starts a
 * Spark context on the master (or joins the one {@code spark-submit} configured: properties it set, such as
 * {@code spark.executor.memory}, apply) and returns a {@link SparkRungExecutor} that stops it when the sweep
 * ends. What {@code dl4j-init sweep --spark MASTER} uses when dl4j-init-spark is on the classpath.
 */
public final class SparkRungExecutorFactory implements RungExecutorFactory {

    /** The factory's name. */
    public static final String NAME = "spark";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(String target) {
        SparkMasters.require(target);
    }

    @Override
    public RungExecutor open(String target, int concurrency, RungTrainer trainer) {
        SparkMasters.require(target);
        if (concurrency < 0) {
            throw new IllegalArgumentException("concurrency must be >= 1, or 0 for the executors' task slots, was "
                    + concurrency);
        }
        SparkConf conf = new SparkConf().setMaster(target).setIfMissing("spark.app.name", "dl4j-init sweep")
                .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        return SparkRungExecutor.owning(JavaSparkContext.fromSparkContext(
                org.apache.spark.SparkContext.getOrCreate(conf)), trainer, concurrency);
    }
}
