package org.dl4jinit.spark.sweep;

import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.dl4jinit.spark.health.DriverStorageRouter;
import org.dl4jinit.sweep.RungJob;
import org.dl4jinit.sweep.RungResult;
import org.dl4jinit.sweep.RungTrainer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Spark task of a {@link SparkRungExecutor}: runs one job with the broadcast trainer, with one ND4J thread. The
 * trainer is deserialized once per executor JVM and sweep; the last one stays referenced until the next sweep.
 * A second attempt of the task does not train (the candidate would be trained twice for one result): it returns
 * a CRASHED result that the driver recognizes and completes with the first attempt's failure.
 */
final class RungTask implements Function<RungJob, RungResult> {

    private static final long serialVersionUID = 1L;
    /** The error text of a retry's result: replaced on the driver. */
    static final String RETRY = "dl4j-init: retried task not run";

    /**
     * The trainer of the broadcast this JVM read last, held strongly: Spark references broadcast values weakly and
     * keeps them in its block manager, whose memory pressure may move them to disk, and then each task would
     * deserialize the data again.
     */
    private static volatile Cached cached;

    private final Broadcast<RungTrainer> trainer;
    /** Shipped with each task (not in the broadcast) so that each task brings back the records made in it. */
    @SuppressWarnings("unused")
    private final List<DriverStorageRouter> routers;

    RungTask(Broadcast<RungTrainer> trainer, List<DriverStorageRouter> routers) {
        this.trainer = trainer;
        this.routers = routers;
    }

    @Override
    public RungResult call(RungJob job) {
        TaskContext task = TaskContext.get();
        if (task != null && task.attemptNumber() > 0) {
            return RungResult.crashed(job, RETRY);
        }
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        try {
            return trainer().run(job);
        } catch (CancellationException e) {
            // interrupted: by Spark killing the task (Spark then reports it killed), or by something else (the
            // task fails); the flag must not stay on the executor's pooled thread
            Thread.interrupted();
            throw new IllegalStateException("the training of " + job + " was interrupted", e);
        } catch (VirtualMachineError e) {
            // Spark would end the executor JVM (and, on local masters, the driver's); the candidate crashed
            return RungResult.crashed(job, "JVM error on executor, the executor goes on: " + e);
        }
    }

    private RungTrainer trainer() {
        Cached c = cached;
        if (c == null || c.broadcast != trainer.id()) {
            c = new Cached(trainer.id(), trainer.value());
            cached = c;
        }
        return c.trainer;
    }

    /** A broadcast's id and value. */
    private record Cached(long broadcast, RungTrainer trainer) {
    }

    /** @return whether r is the result of a retried task that did not train */
    static boolean isRetry(RungResult r) {
        return r.status() == RungResult.Status.CRASHED && RETRY.equals(r.error());
    }
}
