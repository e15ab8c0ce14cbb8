package org.dl4jinit.spark.sweep;

import java.util.Locale;
import java.util.regex.Pattern;
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
     * JavaCPP's check of the process's resident memory on every native allocation off: with it on, each of ND4J's
     * many small allocations reads the process's memory statistics from the kernel, which slows the training of
     * small networks on one thread and more with two in one JVM (measured in docs/benchmarks.md, "Search on
     * Spark"); {@code org.bytedeco.javacpp.maxBytes} still bounds what JavaCPP allocates.
     */
    public static final String NO_RESIDENT_MEMORY_CHECK = "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0";

    /**
     * The throughput collector. ND4J creates several short-lived JavaCPP pointers, each with a reference the
     * collector must process, per operation; with two tasks in one executor JVM, G1's concurrent and refinement
     * threads compete with the tasks for the cores, while the parallel collector works only in its pauses, so that
     * a second slot on a second core nearly doubles the rate, which it does not with G1 (docs/benchmarks.md,
     * "Search on Spark").
     */
    public static final String THROUGHPUT_COLLECTOR = "-XX:+UseParallelGC";

    /** Both options, as the test cluster's executors get them. */
    public static final String EXECUTOR_JAVA_OPTIONS = NO_RESIDENT_MEMORY_CHECK + " " + THROUGHPUT_COLLECTOR;

    /** A collector named on a JVM's command line, e.g. -XX:+UseG1GC, -XX:+UseZGC. */
    private static final Pattern COLLECTOR = Pattern.compile("-XX:\\+Use\\w*GC\\b");

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
     * @return them with {@link #NO_RESIDENT_MEMORY_CHECK} appended unless they set JavaCPP's physical-memory limit,
     *         and {@link #THROUGHPUT_COLLECTOR} unless they choose a collector
     */
    static String executorJavaOptions(String given) {
        StringBuilder options = new StringBuilder(given.strip());
        if (!given.toLowerCase(Locale.ROOT).contains("org.bytedeco.javacpp.maxphysicalbytes")) {
            options.append(' ').append(NO_RESIDENT_MEMORY_CHECK);
        }
        if (!COLLECTOR.matcher(given).find()) {
            options.append(' ').append(THROUGHPUT_COLLECTOR);
        }
        return options.toString().strip();
    }
}
