/**
 * The Arbiter sweep over initializers on Fashion-MNIST with health-aware pruning that {@code dl4j-init sweep} runs
 * ({@link org.dl4jinit.examples.sweep.FashionMnistSweep}): options in
 * ({@link org.dl4jinit.examples.sweep.SweepOptions}), {@link org.dl4jinit.sweep.SweepReport} out, plus CSV, JSON
 * and XChart PNG plots ({@link org.dl4jinit.examples.sweep.SweepPlot}).
 */
package org.dl4jinit.examples.sweep;
