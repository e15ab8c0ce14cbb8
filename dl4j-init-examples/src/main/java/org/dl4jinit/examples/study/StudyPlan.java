package org.dl4jinit.examples.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.activations.Activation;

/**
 * What the study trains and how: the experiments (architecture × initializers × budget) and the shared training
 * settings — Fashion-MNIST standardized with the training set's mean and std, SGD + Nesterov momentum, one seed
 * for the weights and the data order.
 *
 * @param experiments  the experiments, not empty
 * @param learningRate SGD learning rate, &gt; 0
 * @param momentum     Nesterov momentum, in [0, 1)
 * @param testExamples test-set examples evaluated per cell, in [1, 10000]
 * @param seed         weights and shuffling
 */
public record StudyPlan(List<Experiment> experiments, double learningRate, double momentum,
        int testExamples, long seed) {

    /** Validates and copies the arguments. */
    public StudyPlan {
        if (experiments == null || experiments.isEmpty()) {
            throw new IllegalArgumentException("experiments must not be empty, was " + experiments);
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, was " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), was " + momentum);
        }
        if (testExamples < 1 || testExamples > 10_000) {
            throw new IllegalArgumentException("testExamples must be in [1, 10000], was " + testExamples);
        }
        experiments = List.copyOf(experiments);
    }

    /**
     * The default study (about {@value #DEFAULT_MINUTES} minutes on 2 cores): a 30×256 ReLU MLP (He et al. 2015,
     * Fig. 3) and a 10×256 tanh MLP (Glorot &amp; Bengio 2010, Table 1), 300 iterations of batch 128, and a
     * 4×1000 sigmoid MLP (Glorot &amp; Bengio 2010, Fig. 2) for {@value #SIGMOID_ITERATIONS} iterations of batch
     * 10 (the paper's mini-batch size: the top layer's drift to 0 shows within a few hundred such updates and
     * hardly at all with batches of 128); SGD + Nesterov 0.01/0.9 throughout.
     *
     * @return the plan
     */
    public static StudyPlan defaults() {
        return new StudyPlan(List.of(
                new Experiment(new Architecture(Activation.RELU, 30, 256),
                        List.of(StudyInit.ZERO, StudyInit.TINY, StudyInit.XAVIER, StudyInit.HE, StudyInit.LSUV), 300, 128),
                new Experiment(new Architecture(Activation.TANH, 10, 256),
                        List.of(StudyInit.ZERO, StudyInit.TINY, StudyInit.STANDARD, StudyInit.XAVIER), 300, 128),
                new Experiment(new Architecture(Activation.SIGMOID, 4, 1000),
                        List.of(StudyInit.STANDARD, StudyInit.XAVIER), SIGMOID_ITERATIONS, 10)),
                0.01, 0.9, 10_000, 42);
    }

    /**
     * The quick study (about a third of the default's time): the same experiments with a third of the budget and
     * 2,000 test examples.
     *
     * @return the plan
     */
    public static StudyPlan quick() {
        StudyPlan d = defaults();
        List<Experiment> quick = new ArrayList<>();
        for (Experiment e : d.experiments()) {
            quick.add(e.withIterations(Math.max(1, e.iterations() / 3)));
        }
        return new StudyPlan(quick, d.learningRate(), d.momentum(), 2_000, d.seed());
    }

    /** Iterations of the sigmoid experiment in the default plan. */
    public static final int SIGMOID_ITERATIONS = 2400;

    /** The default plan's expected wall time on 2 cores, minutes (documentation only). */
    public static final int DEFAULT_MINUTES = 4;

    /**
     * @param keep the initializers to keep, not empty
     * @return this plan with only those initializers; experiments left with none are dropped
     * @throws IllegalArgumentException if no experiment keeps a cell
     */
    public StudyPlan withInits(Set<StudyInit> keep) {
        if (keep == null || keep.isEmpty()) {
            throw new IllegalArgumentException("inits must name at least one initializer, was " + keep);
        }
        List<Experiment> kept = new ArrayList<>();
        for (Experiment e : experiments) {
            List<StudyInit> inits = e.inits().stream().filter(keep::contains).toList();
            if (!inits.isEmpty()) {
                kept.add(new Experiment(e.architecture(), inits, e.iterations(), e.batchSize()));
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("inits " + keep + " match no cell of the study; its cells use "
                    + experiments.stream().flatMap(e -> e.inits().stream()).distinct().map(StudyInit::cliName)
                            .toList());
        }
        return new StudyPlan(kept, learningRate, momentum, testExamples, seed);
    }

    /**
     * @param iterations the budget for every experiment, &gt;= 1
     * @return this plan with that budget
     */
    public StudyPlan withIterations(int iterations) {
        List<Experiment> changed = new ArrayList<>();
        for (Experiment e : experiments) {
            changed.add(e.withIterations(iterations));
        }
        return new StudyPlan(changed, learningRate, momentum, testExamples, seed);
    }

    /** @return every cell, in order */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Experiment e : experiments) {
            cells.addAll(e.cells());
        }
        return cells;
    }

    /** @return the total number of training iterations */
    public long totalIterations() {
        long n = 0;
        for (Experiment e : experiments) {
            n += (long) e.iterations() * e.inits().size();
        }
        return n;
    }
}
