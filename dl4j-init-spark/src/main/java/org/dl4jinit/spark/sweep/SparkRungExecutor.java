package org.dl4jinit.spark.sweep;

import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.TaskFailedReason;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.dl4jinit.health.HealthSubscriber;
import org.dl4jinit.spark.health.DriverStorageRouter;
import org.dl4jinit.spark.health.RoutedHealthRecorder;
import org.dl4jinit.sweep.AshaSweep;
import org.dl4jinit.sweep.RungExecutor;
import org.dl4jinit.sweep.RungJob;
import org.dl4jinit.sweep.RungResult;
import org.dl4jinit.sweep.RungTrainer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs an {@link AshaSweep}'s jobs on Spark, as Hyperopt's {@code SparkTrials} runs trials: the sweep's scheduler
 * stays on the driver, and each {@link RungJob} ("train candidate c from iteration a to b, score it at rung k")
 * is one Spark job of one task, so at most {@link #concurrency()} candidates train at once, by default as many as
 * the executors have task slots ({@code sc.defaultParallelism()}).
 *
 * <pre>{@code
 * SweepReport report = AshaSweep.builder(space).data(data).randomSearch(40, 42)
 *         .schedule(Schedule.asha(20, 540, 3))
 *         .executor(trainer -> SparkRungExecutor.on(sc, trainer))
 *         .build().run();
 * }</pre>
 *
 * <p><b>What travels.</b> The {@link RungTrainer} (data, score function, health configuration, pruning rule) is
 * broadcast once, so each executor JVM receives the training data once (a broadcast suits sets that fit in an
 * executor's memory; for larger ones give the sweep a {@code SweepData} whose suppliers read a path every executor
 * can read). A job carries the candidate's configuration and, from its second rung on, the model's state
 * (ModelSerializer bytes with the updater) that the previous job returned in its {@link RungResult}: nothing
 * assumes that a candidate's rungs run in the same JVM, or in the driver's. Each task sets its JVM's ND4J and
 * BLAS thread counts to 1, so one task per slot uses one core; on a cluster also set
 * {@code spark.executorEnv.OMP_NUM_THREADS=1} (docs/spark.md).
 *
 * <p><b>Failures.</b> A candidate that throws while it is built, restored, trained or scored is CRASHED by the
 * trainer inside its task, as in one JVM; so is one whose task hits a JVM error (the error becomes the result
 * and the executor lives on). A task that fails outside the trainer, or whose executor dies (a native crash, a
 * killed container), is not run twice: if Spark retries it ({@code spark.task.maxFailures} &gt; 1, the default
 * on clusters), the retry does not train but returns CRASHED, and the driver names the first attempt's failure;
 * with a single attempt (local masters) the failed Spark job becomes the CRASHED result. Either way the search
 * goes on, and each candidate's result comes from one training only. Speculative execution would start second
 * attempts of healthy tasks, so it must be off ({@code spark.speculation}, the default).
 *
 * <p><b>Health records.</b> A sweep whose health configuration subscribes
 * {@code RoutedHealthRecorder.to(DriverStorageRouter.to(sc, storage))} gets every candidate's records in the
 * driver's storage (session {@code candidate-i}), each job's when its task ends.
 *
 * <p><b>Results.</b> The same as in one JVM ({@code LocalRungExecutor}): a candidate's training does not depend
 * on the thread, JVM or executor that runs it, nor on its model being kept in memory or restored from bytes
 * between rungs (see {@link RungTrainer}).
 */
public final class SparkRungExecutor implements RungExecutor {

    private static final String GROUP = "dl4j-init-sweep-";
    private static final Pattern FIELD = Pattern.compile("- field \\(class: ([\\w.$]+), name: (\\w+)");

    private final JavaSparkContext sc;
    private final boolean ownsContext;
    private final int concurrency;
    private final Broadcast<RungTrainer> trainer;
    private final List<DriverStorageRouter> routers;
    private final ExecutorService driverThreads;
    private final String id = UUID.randomUUID().toString();
    private final AtomicInteger jobs = new AtomicInteger();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final FailedAttempts failedAttempts;
    private final int[] previousThreads;
    private volatile boolean closed;

    private SparkRungExecutor(JavaSparkContext sc, boolean ownsContext, RungTrainer trainer, int concurrency) {
        if (sc == null) {
            throw new IllegalArgumentException("sc must not be null");
        }
        if (trainer == null) {
            throw new IllegalArgumentException("trainer must not be null");
        }
        if (concurrency < 0) {
            throw new IllegalArgumentException("concurrency must be >= 1, or 0 for the executors' task slots, was "
                    + concurrency);
        }
        requireNoSpeculation(sc.getConf());
        this.sc = sc;
        this.ownsContext = ownsContext;
        this.concurrency = concurrency == 0 ? Math.max(1, sc.defaultParallelism()) : concurrency;
        this.routers = driverRouters(trainer);
        this.trainer = broadcast(sc, trainer);
        AtomicInteger n = new AtomicInteger();
        this.driverThreads = Executors.newFixedThreadPool(this.concurrency, r -> {
            Thread t = new Thread(r, "spark-rung-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        this.failedAttempts = new FailedAttempts(GROUP + id);
        sc.sc().addSparkListener(failedAttempts);
        // local masters run tasks in this JVM, which then trains with one ND4J thread until close()
        this.previousThreads = new int[] {Nd4j.getEnvironment().maxThreads(),
                Nd4j.getEnvironment().maxMasterThreads(), Nd4j.factory().blas().getMaxThreads()};
    }

    /**
     * @param sc      the Spark context (not stopped by {@link #close()})
     * @param trainer the sweep's trainer
     * @return an executor running as many jobs at once as the executors have task slots
     * @throws IllegalArgumentException for a null argument, speculative execution switched on, or a trainer that
     *                                  cannot be serialized
     */
    public static SparkRungExecutor on(JavaSparkContext sc, RungTrainer trainer) {
        return new SparkRungExecutor(sc, false, trainer, 0);
    }

    /**
     * @param sc          the Spark context (not stopped by {@link #close()})
     * @param trainer     the sweep's trainer
     * @param concurrency jobs at once, &gt;= 1 (more than the task slots only queues tasks in Spark), or 0 for
     *                    the task slots
     * @return the executor
     * @throws IllegalArgumentException for a null argument, a negative concurrency, speculative execution, or a
     *                                  trainer that cannot be serialized
     */
    public static SparkRungExecutor on(JavaSparkContext sc, RungTrainer trainer, int concurrency) {
        return new SparkRungExecutor(sc, false, trainer, concurrency);
    }

    /** An executor that stops its context when it is closed (the command line's). */
    static SparkRungExecutor owning(JavaSparkContext sc, RungTrainer trainer, int concurrency) {
        try {
            return new SparkRungExecutor(sc, true, trainer, concurrency);
        } catch (RuntimeException e) {
            sc.stop();
            throw e;
        }
    }

    /**
     * @param conf a Spark configuration
     * @throws IllegalArgumentException if it switches speculative execution on
     */
    static void requireNoSpeculation(SparkConf conf) {
        if (conf.getBoolean("spark.speculation", false)) {
            throw new IllegalArgumentException("spark.speculation must be false for a search on Spark, was true: "
                    + "a speculative copy of a task would train its candidate twice");
        }
    }

    /** Broadcasts the trainer, or says which part of it cannot travel. */
    private static Broadcast<RungTrainer> broadcast(JavaSparkContext sc, RungTrainer trainer) {
        try {
            return sc.broadcast(trainer);
        } catch (Exception e) { // Spark throws the checked NotSerializableException without declaring it
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof NotSerializableException) {
                    throw new IllegalArgumentException("trainer must be serializable to travel to the executors, "
                            + "but " + firstLine(t.getMessage()) + " is not" + path(t.getMessage()) + ": give the "
                            + "sweep serializable data (SweepData's suppliers may capture only serializable "
                            + "values), score function and health configuration", e);
                }
            }
            throw e instanceof RuntimeException ? (RuntimeException) e
                    : new IllegalStateException("Spark could not broadcast the trainer: " + e, e);
        }
    }

    /** The fields from the trainer to what cannot be serialized, from Spark's serialization stack. */
    private static String path(String stack) {
        List<String> fields = new ArrayList<>();
        Matcher m = FIELD.matcher(stack == null ? "" : stack);
        while (m.find()) {
            String cls = m.group(1);
            fields.add(0, cls.substring(cls.lastIndexOf('.') + 1) + "." + m.group(2));
        }
        return fields.isEmpty() ? "" : " (" + String.join(" > ", fields) + ")";
    }

    /** The driver-side routers of the health configuration's routed recorders: each task ships a copy. */
    private static List<DriverStorageRouter> driverRouters(RungTrainer trainer) {
        List<DriverStorageRouter> found = new ArrayList<>();
        for (HealthSubscriber s : trainer.health().subscribers()) {
            if (s instanceof RoutedHealthRecorder) {
                StatsStorageRouter r = ((RoutedHealthRecorder) s).router();
                if (r instanceof DriverStorageRouter) {
                    found.add((DriverStorageRouter) r);
                }
            }
        }
        return List.copyOf(found);
    }

    @Override
    public int concurrency() {
        return concurrency;
    }

    @Override
    public CompletionStage<RungResult> submit(RungJob job) {
        if (job == null) {
            throw new IllegalArgumentException("job must not be null");
        }
        if (closed) {
            throw new IllegalStateException("the executor is closed");
        }
        return CompletableFuture.supplyAsync(() -> run(job), driverThreads);
    }

    /** Runs one job as a Spark job of one task, on a driver thread (Spark runs jobs of several threads at once). */
    private RungResult run(RungJob job) {
        String group = GROUP + id + "-" + jobs.getAndIncrement();
        running.add(group);
        sc.setJobGroup(group, "dl4j-init sweep: " + job, true);
        try {
            RungResult r = sc.parallelize(List.of(job), 1).map(new RungTask(trainer, routers)).collect().get(0);
            if (RungTask.isRetry(r)) {
                return RungResult.crashed(job, "its Spark task failed and was not run again, so that the candidate "
                        + "trains once: " + failedAttempts.reason(group));
            }
            return r;
        } catch (Exception e) { // Spark's collect throws the checked SparkException without declaring it
            if (closed || Thread.currentThread().isInterrupted()) {
                CancellationException c = new CancellationException("job " + job + " was cancelled: the executor "
                        + "was closed");
                c.initCause(e);
                throw c;
            }
            if (e instanceof SparkException) {
                // the task failed as often as spark.task.maxFailures allows (with a retry, the retry answers)
                return RungResult.crashed(job, "its Spark task failed: " + firstLine(e.getMessage()));
            }
            throw e instanceof RuntimeException ? (RuntimeException) e
                    : new IllegalStateException("Spark failed on " + job + ": " + e, e);
        } finally {
            running.remove(group);
            failedAttempts.forget(group);
            sc.clearJobGroup();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Models are not kept: each job carries its state. */
    @Override
    public void release(int candidate) {
    }

    @Override
    public void close() {
        closed = true;
        for (String group : running) {
            sc.cancelJobGroup(group);
        }
        driverThreads.shutdownNow();
        sc.sc().removeSparkListener(failedAttempts);
        trainer.destroy();
        Nd4j.getEnvironment().setMaxThreads(previousThreads[0]);
        Nd4j.getEnvironment().setMaxMasterThreads(previousThreads[1]);
        Nd4j.factory().blas().setMaxThreads(previousThreads[2]);
        if (ownsContext) {
            sc.stop();
        }
    }

    @Override
    public String toString() {
        return "SparkRungExecutor(" + sc.master() + ", concurrency " + concurrency + ")";
    }

    /** Remembers why a task attempt of this executor's jobs failed, for the CRASHED result of its retry. */
    static final class FailedAttempts extends SparkListener {
        private final String prefix;
        private final Map<Integer, String> stageGroups = new ConcurrentHashMap<>();
        private final Map<String, String> reasons = new ConcurrentHashMap<>();

        FailedAttempts(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            String group = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
            if (group != null && group.startsWith(prefix)) {
                for (Object stage : scala.collection.JavaConverters.seqAsJavaList(start.stageIds())) {
                    stageGroups.put((Integer) stage, group);
                }
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            String group = stageGroups.get(end.stageId());
            if (group != null && end.reason() instanceof TaskFailedReason) {
                reasons.putIfAbsent(group, "attempt " + end.taskInfo().attemptNumber() + " failed on executor "
                        + end.taskInfo().executorId() + ": "
                        + firstLine(((TaskFailedReason) end.reason()).toErrorString()));
            }
        }

        String reason(String group) {
            String r = reasons.get(group);
            return r != null ? r : "an earlier attempt failed (its executor was lost or its task threw outside "
                    + "the trainer; see the driver's log)";
        }

        void forget(String group) {
            reasons.remove(group);
            stageGroups.values().removeIf(group::equals);
        }
    }
}
