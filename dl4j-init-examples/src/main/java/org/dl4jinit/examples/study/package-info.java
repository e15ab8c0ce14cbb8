/**
 * The initializer study, the project's main job: the same networks on Fashion-MNIST started by each initializer,
 * trained with plain SGD + Nesterov momentum and the {@link org.dl4jinit.health.GradientHealthListener}, with the
 * verdicts set beside what the papers found (Glorot &amp; Bengio 2010; He et al. 2015; Mishkin &amp; Matas 2016).
 * {@link org.dl4jinit.examples.study.StudyPlan} says what is trained, {@link org.dl4jinit.examples.study.Study}
 * runs it, {@link org.dl4jinit.examples.study.PublishedFinding} checks each finding and
 * {@link org.dl4jinit.examples.study.StudyReport} writes the HTML report, CSV, JSON and PNG plots.
 */
package org.dl4jinit.examples.study;
