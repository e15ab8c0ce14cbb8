/**
 * An Arbiter sweep over initializers on Fashion-MNIST with health-aware pruning
 * ({@link org.dl4jinit.examples.sweep.FashionMnistSweep}): options in, {@link org.dl4jinit.sweep.SweepReport}
 * out, plus CSV, JSON and XChart PNG plots ({@link org.dl4jinit.examples.sweep.SweepPlot});
 * {@link org.dl4jinit.examples.sweep.FailingStreaks} prints the FAILING iterations of every candidate, the
 * evidence behind the pruning rule's default N.
 */
package org.dl4jinit.examples.sweep;
