package org.dl4jinit.sweep;

import java.util.concurrent.CompletionStage;

/**
 * Where an {@link AshaSweep}'s jobs run. The sweep's scheduler decides, on one thread, which
 * {@link RungJob} to start next (a promotion if one is due, else a new candidate) whenever fewer than
 * {@link #concurrency()} jobs are running, and reacts to each {@link RungResult} as it arrives; the executor
 * only runs jobs, typically by calling {@link RungTrainer#run(RungJob)} wherever it has workers. Nothing assumes
 * that jobs run in the sweep's JVM: a job carries the candidate's configuration and, when training resumes, the
 * model state the previous result returned; an executor that keeps models in memory ({@link LocalRungExecutor})
 * returns results without state and receives the next job without it.
 *
 * <p>Contract: {@link #submit} never blocks for long and may be called while other jobs run; the returned stage
 * completes with the job's result, which is PRUNED or CRASHED when the candidate fails (the search goes on), and
 * completes exceptionally only when the executor cannot go on (a {@link VirtualMachineError}, an interrupt):
 * the sweep then stops and rethrows. An executor that loses a job outside the trainer (a worker process died)
 * should complete it with {@link RungResult#crashed(RungJob, String)} rather than retry it: a job run twice
 * from the same state gives the same result, but only one may be reported.
 */
public interface RungExecutor extends AutoCloseable {

    /** @return how many jobs run at once (the sweep keeps this many submitted), &gt;= 1 */
    int concurrency();

    /**
     * Starts a job.
     *
     * @param job the job
     * @return its result, when it is done
     */
    CompletionStage<RungResult> submit(RungJob job);

    /**
     * The sweep will not run this candidate again: drop whatever is kept for it.
     *
     * @param candidate the candidate's index
     */
    void release(int candidate);

    /** Stops the executor: running jobs are interrupted, kept models dropped, threads ended. */
    @Override
    void close();
}
