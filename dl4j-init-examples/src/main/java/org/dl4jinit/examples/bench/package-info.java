/**
 * Benchmarks of dl4j-init's initializers, run by {@code mvn -o -Pbench ...} (see {@code BENCHMARKS.md} of this
 * module): {@link org.dl4jinit.examples.bench.InitFillBenchmark} (JMH) times in-place fills of DL4J-style flat
 * parameter views by this library's initializers next to DL4J's built-ins for the same distribution, and
 * {@link org.dl4jinit.examples.bench.InitBenchmarkReport} runs it together with the NumPy reference
 * {@code bench/numpy_orthogonal.py} and prints the ratio table.
 */
package org.dl4jinit.examples.bench;
