package org.dl4jinit.sweep;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs an {@link AshaSweep}'s jobs on a pool of {@code concurrency} threads in this JVM, one candidate per thread,
 * and keeps each candidate's model (with its updater state, health listener and position in the training
 * stream) in memory between its jobs, so a promoted candidate continues where it stopped without serializing
 * anything.
 *
 * <p>While it is open it sets ND4J's and OpenBLAS's thread counts to 1 (and restores the previous counts on
 * {@link #close()}): N candidates then use N cores without oversubscribing them, and a candidate's result is the
 * same bit for bit whichever thread and whichever concurrency ran it (a different ND4J thread count changes the
 * floating-point summation order). These settings are global to the JVM: do not train other networks
 * multi-threaded alongside an open executor.
 */
public final class LocalRungExecutor implements RungExecutor {

    private final RungTrainer trainer;
    private final int concurrency;
    private final ExecutorService pool;
    private final Map<Integer, RungTrainer.LiveModel> kept = new ConcurrentHashMap<>();
    private final int previousThreads;
    private final int previousMasterThreads;
    private final int previousBlasThreads;

    /**
     * @param trainer     runs the jobs
     * @param concurrency jobs at once, &gt;= 1 (up to the number of cores is useful)
     * @throws IllegalArgumentException for a null trainer or a concurrency &lt; 1
     */
    public LocalRungExecutor(RungTrainer trainer, int concurrency) {
        this.trainer = Spaces.notNull("trainer", trainer);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
        this.concurrency = concurrency;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "asha-worker-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(concurrency, threads);
        this.previousThreads = Nd4j.getEnvironment().maxThreads();
        this.previousMasterThreads = Nd4j.getEnvironment().maxMasterThreads();
        this.previousBlasThreads = Nd4j.factory().blas().getMaxThreads();
        setThreads(1, 1, 1);
    }

    private static void setThreads(int threads, int master, int blas) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(master);
        Nd4j.factory().blas().setMaxThreads(blas);
    }

    @Override
    public int concurrency() {
        return concurrency;
    }

    @Override
    public CompletionStage<RungResult> submit(RungJob job) {
        Spaces.notNull("job", job);
        return CompletableFuture.supplyAsync(() -> {
            RungTrainer.LiveModel live = job.from() == 0 ? null : kept.get(job.candidate());
            if (live == null) {
                live = new RungTrainer.LiveModel(); // a fresh start, or a job carrying the state to restore
            }
            RungResult r = trainer.run(job, live, false);
            if (r.status() == RungResult.Status.SCORED) {
                kept.put(job.candidate(), live);
            } else {
                kept.remove(job.candidate());
            }
            return r;
        }, pool);
    }

    @Override
    public void release(int candidate) {
        kept.remove(candidate);
    }

    /** @return the candidates whose models are kept in memory */
    int kept() {
        return kept.size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        kept.clear();
        setThreads(previousThreads, previousMasterThreads, previousBlasThreads);
    }
}
