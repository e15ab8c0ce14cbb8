/**
 * Whether training can work, checked while it runs: {@link org.dl4jinit.health.GradientHealthListener} (every
 * iteration, or every n-th) and {@link org.dl4jinit.health.GradientHealth#check} (once, before training) judge
 * each layer against the two necessary conditions of a good initialization — activations not saturated,
 * activations not zero — and the health of the gradients, and say why when they fail.
 *
 * <h2>One data model</h2>
 * A checked iteration becomes a {@link org.dl4jinit.health.HealthReport}: per layer a
 * {@link org.dl4jinit.health.LayerHealth} (the layer's {@link org.dl4jinit.health.LayerInfo} — the one layer
 * descriptor that reports, records, the UI and LSUV share — its {@link org.dl4jinit.health.Figure}s and its
 * verdict), the findings ({@link org.dl4jinit.health.Violation}: layer, condition, figure, value, threshold and
 * {@link org.dl4jinit.health.Diagnosis}), the headline finding, the failing streak and the transitions since the
 * previous iteration. {@code org.dl4jinit.storage.HealthRecord} is its codec for DL4J's StatsStorage; this package
 * does not depend on storage.
 *
 * <h2>Subscribers</h2>
 * The listener publishes each report to the {@link org.dl4jinit.health.HealthSubscriber}s of its
 * {@link org.dl4jinit.health.HealthConfig} (records for the UI, a sweep's pruning, a study's recorder, your own),
 * then to its policies ({@link org.dl4jinit.health.HealthPolicy}: LOG, CALLBACK, THROW). THROW,
 * {@link org.dl4jinit.health.HealthTerminationCondition} and a sweep's pruning rule all read one counter,
 * {@link org.dl4jinit.health.HealthReport#failingStreak()}. Branch on
 * {@link org.dl4jinit.health.HealthReport#isFailing()}: a WARNING is worth a look, not a reason to stop.
 *
 * <h2>Quiet logs</h2>
 * A finding enters at its threshold and leaves only after its figure recovers by a margin
 * ({@link org.dl4jinit.health.HealthThresholds}); LOG writes a line when a (layer, condition) appears or gets
 * worse, one when it goes away, and while findings persist at most a summary every
 * {@link org.dl4jinit.health.HealthConfig#summaryEvery()} checked iterations. Logging goes through the SLF4J 1.7
 * API, which works with DL4J's own logback 1.2 and with SLF4J 2 providers such as logback 1.5.
 *
 * <h2>Right advice</h2>
 * The diagnosis looks at what the listener knows — identical or zero weights, the configured initializer and
 * activation against the scale the activation needs, the update:parameter ratios before the finding, the bias —
 * and names the cause and a remedy that follows from it, never the initializer a layer already uses.
 */
package org.dl4jinit.health;
