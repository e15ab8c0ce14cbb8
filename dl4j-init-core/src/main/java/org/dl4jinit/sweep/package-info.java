/**
 * Arbiter sweeps over initializers with health-aware pruning (Arbiter 1.0.0-beta7 on DL4J 1.0.0-M2.1; Arbiter
 * is an optional dependency of dl4j-init-core, so only users of this package need it).
 *
 * <h2>Spaces</h2>
 * <ul>
 *   <li>{@link org.dl4jinit.sweep.InitializerSpace}: an Arbiter {@code ParameterSpace<IWeightInit>}, a discrete
 *       choice among fixed instances and {@link org.dl4jinit.sweep.InitializerChoice} kinds with nested
 *       hyperparameters (gain, scale, fan mode, negative slope, factor) built by
 *       {@link org.dl4jinit.sweep.SweepParameters}. Its selector and nested leaves are returned by
 *       {@code collectLeaves()}, so grid, random and genetic search all work; it round-trips through Arbiter's
 *       JSON mapper.</li>
 *   <li>{@link org.dl4jinit.sweep.InitDenseLayerSpace}, {@link org.dl4jinit.sweep.InitOutputLayerSpace},
 *       {@link org.dl4jinit.sweep.InitConvolutionLayerSpace}: Arbiter's layer spaces with an {@code IWeightInit}
 *       slot; {@link org.dl4jinit.sweep.InitMultiLayerSpace}: a {@code MultiLayerSpace} with a network-level
 *       initializer. Arbiter's {@code ComputationGraphSpace} works on M2.1 with these layer spaces.</li>
 *   <li>{@link org.dl4jinit.sweep.LsuvInit}: LSUV (Mishkin &amp; Matas 2016) as a candidate; the task runs it on
 *       the first training batch (taken from an iterator of its own, so the candidate then trains on the same
 *       batches as every other) after {@code init()}.</li>
 * </ul>
 *
 * <h2>Pruning</h2>
 * {@link org.dl4jinit.sweep.PruningTaskListener} (Arbiter's {@code TaskListener.preProcess} hook) attaches a
 * {@link org.dl4jinit.health.GradientHealthListener} to each candidate, with a
 * {@link org.dl4jinit.sweep.PruningSubscriber} subscribed to its reports. A candidate whose verdict is FAILING for
 * N consecutive iterations within its first K iterations ({@link org.dl4jinit.sweep.PruningRule}, read from the
 * report's failing streak) is stopped by a {@link org.dl4jinit.sweep.CandidatePrunedException} (an
 * {@code UnhealthyTrainingException}), which {@link org.dl4jinit.sweep.SweepTaskCreator} catches and records as
 * PRUNED with the report's headline finding (layer, condition, value, cause, remedy). A pruned candidate has no score: Arbiter sees it Cancelled with a null score (never its best; genetic
 * search ignores it) and {@link org.dl4jinit.sweep.SweepReport#winner()} considers COMPLETED candidates only.
 * A non-FAILING iteration resets the streak, so a transient failure (fewer than N iterations in a row) is never
 * pruned; the streak counts every iteration, so pruning requires a health frequency of 1.
 * Crashes are recorded as CRASHED with the exception text, as are candidates that end with a NaN or infinite
 * score; the runner goes on. A {@code VirtualMachineError} stops the sweep and is rethrown.
 *
 * <h2>Running</h2>
 * {@link org.dl4jinit.sweep.InitializerSweep} runs the search on Arbiter's {@code LocalOptimizationRunner} and
 * returns a {@link org.dl4jinit.sweep.SweepReport} (console table, CSV, JSON).
 *
 * <h2>Successive halving</h2>
 * {@link org.dl4jinit.sweep.AshaSweep} runs grid or random search with asynchronous successive halving (ASHA,
 * Li et al. 2020; Hyperband brackets optional) on top of the same health pruning, with budgets in training
 * iterations ({@link org.dl4jinit.sweep.Schedule}): rungs at r, r·η, …, R; the top 1/η of a rung train on, the
 * rest stop (STOPPED, with their rung and rank). Its parts are split so that jobs can run anywhere:
 * <ul>
 *   <li>{@code AshaScheduler} (package-private) makes the promotion decisions on the driver;</li>
 *   <li>a {@link org.dl4jinit.sweep.RungJob} ("train candidate c from iteration a to b, score it at rung k":
 *       configuration JSON, seed, model state bytes when resuming elsewhere) and its
 *       {@link org.dl4jinit.sweep.RungResult} (score or prune finding or error, iterations, verdict, new state)
 *       are {@code Serializable};</li>
 *   <li>a {@link org.dl4jinit.sweep.RungExecutor} runs jobs with a {@link org.dl4jinit.sweep.RungTrainer} (the
 *       serializable data, score function, health configuration and rule every job shares);
 *       {@link org.dl4jinit.sweep.LocalRungExecutor} is a thread pool that keeps models in memory, one ND4J thread
 *       per candidate.</li>
 * </ul>
 * A candidate's score at a rung is the same whichever thread, JVM or executor ran it and however its training
 * was split into jobs (the {@code TrainingStream} gives every candidate the same batches in the same order, and
 * the random generator is reseeded per iteration).
 */
package org.dl4jinit.sweep;
