/**
 * Benchmark harnesses of dl4j-init, each run by one Maven profile of this module (docs/benchmarks.md has the
 * commands and the results): {@link org.dl4jinit.bench.InitFillBenchmark} (JMH) times in-place fills of DL4J-style
 * flat parameter views by this library's initializers next to DL4J's built-ins, and
 * {@link org.dl4jinit.bench.InitBenchmarkReport} runs it with the NumPy reference {@code bench/numpy_orthogonal.py}
 * and prints the ratio table; {@link org.dl4jinit.bench.ListenerOverheadBenchmark},
 * {@link org.dl4jinit.bench.HealthPageBenchmark}, {@link org.dl4jinit.bench.SweepPruningBenchmark},
 * {@link org.dl4jinit.bench.AshaBenchmark} and {@link org.dl4jinit.bench.LsuvBenchmark} measure the listener, the
 * Gradient Health page, health-aware pruning, successive halving (ASHA) against full-budget search, and LSUV;
 * {@link org.dl4jinit.bench.PropagationBenchmark} times the signal-propagation analysis against the pre-flight
 * check; {@link org.dl4jinit.bench.FailingStreaks} prints the evidence behind the pruning rule's default.
 */
package org.dl4jinit.bench;
