package org.dl4jinit.spark.sweep;

import java.util.Locale;
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

    /**
     * The executors' Java option this factory adds to {@code spark.executor.extraJavaOptions} (unless that already
     * sets it): JavaCPP's check of the process's resident memory on every native allocation off. With it on, each
     * of ND4J's many small allocations reads the process's memory statistics from the kernel, which slows the
     * training of small networks on one thread and more with two in one JVM (measured in docs/benchmarks.md,
     * "Search on Spark"); {@code org.bytedeco.javacpp.maxBytes} still bounds what JavaCPP allocates.
     */
    public static final String EXECUTOR_JAVA_OPTIONS = "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0";

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
        conf.set("spark.executor.extraJavaOptions", executorJavaOptions(conf.get("spark.executor.extraJavaOptions",
                "")));
        return SparkRungExecutor.owning(JavaSparkContext.fromSparkContext(
                org.apache.spark.SparkContext.getOrCreate(conf)), trainer, concurrency);
    }

    /**
     * @param given the executors' Java options already configured (by spark-submit or the user), or ""
     * @return them with {@link #EXECUTOR_JAVA_OPTIONS} appended, unless they set JavaCPP's physical-memory limit
     */
    static String executorJavaOptions(String given) {
        String lower = given.toLowerCase(Locale.ROOT);
        if (lower.contains("org.bytedeco.javacpp.maxphysicalbytes")) {
            return given;
        }
        return given.isBlank() ? EXECUTOR_JAVA_OPTIONS : given.strip() + " " + EXECUTOR_JAVA_OPTIONS;
    }
}
