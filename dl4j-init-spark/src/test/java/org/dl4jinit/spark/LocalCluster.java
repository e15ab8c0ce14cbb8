package org.dl4jinit.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.dl4jinit.spark.sweep.SparkRungExecutorFactory;

/**
 * Spark contexts of the tests: local masters, and Spark's {@code local-cluster[executors, cores, MB]} master
 * from the Maven jars alone: a standalone master and
 * worker inside this JVM that start each executor in a JVM of its own, with this JVM's classpath. Needs
 * {@code SPARK_HOME} to name a folder with a {@code jars/} directory (the surefire configuration points it into
 * target/, and {@link #start} creates it), a Scala version for the executors' launcher, and the tests' classpath
 * for the executors.
 */
public final class LocalCluster {

    private LocalCluster() {
    }

    /**
     * @param master a local master, e.g. {@code local[2]} (executors are threads of this JVM)
     * @param app    the application name
     * @return a context without Spark's web UI
     */
    public static JavaSparkContext local(String master, String app) {
        return new JavaSparkContext(new SparkConf().setMaster(master).setAppName(app).set("spark.ui.enabled", "false"));
    }

    /**
     * @param executors executor JVMs
     * @param app       the application name
     * @return a context whose executors have all registered
     * @throws IOException          if the SPARK_HOME folder cannot be created
     * @throws InterruptedException if interrupted while waiting for the executors
     */
    public static JavaSparkContext start(int executors, String app) throws IOException, InterruptedException {
        return start(executors, 1024, app);
    }

    /**
     * @param executors executor JVMs, one core each
     * @param memoryMb  each executor's memory, MB
     * @param app       the application name
     * @return a context whose executors have all registered
     * @throws IOException          if the SPARK_HOME folder cannot be created
     * @throws InterruptedException if interrupted while waiting for the executors
     */
    public static JavaSparkContext start(int executors, int memoryMb, String app)
            throws IOException, InterruptedException {
        String home = System.getenv("SPARK_HOME");
        if (home == null) {
            throw new IllegalStateException("SPARK_HOME must be set (surefire sets it to target/spark-home)");
        }
        Files.createDirectories(Path.of(home, "jars"));
        SparkConf conf = new SparkConf().setMaster("local-cluster[" + executors + ",1," + memoryMb + "]").setAppName(app)
                .set("spark.ui.enabled", "false")
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executorEnv.SPARK_SCALA_VERSION", "2.12")
                .set("spark.executorEnv.OMP_NUM_THREADS", "1")
                .set("spark.executor.extraJavaOptions", SparkRungExecutorFactory.EXECUTOR_JAVA_OPTIONS);
        JavaSparkContext sc = new JavaSparkContext(conf);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        // the driver and every executor register a block manager
        while (sc.sc().getExecutorMemoryStatus().size() < executors + 1) {
            if (System.nanoTime() > deadline) {
                sc.stop();
                throw new IllegalStateException("only " + (sc.sc().getExecutorMemoryStatus().size() - 1) + " of "
                        + executors + " executors registered within 120 s");
            }
            Thread.sleep(100);
        }
        return sc;
    }
}
