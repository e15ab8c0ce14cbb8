package org.dl4jinit.examples.study;

import java.util.ArrayList;
import java.util.List;

/**
 * One architecture trained from several initializers for the same number of iterations.
 *
 * @param architecture the network
 * @param inits        the initializers compared, in table order, not empty
 * @param iterations   the training budget per cell, &gt;= 1
 * @param batchSize    examples per iteration, &gt;= 1
 */
public record Experiment(Architecture architecture, List<StudyInit> inits, int iterations, int batchSize) {

    /** Validates and copies the arguments. */
    public Experiment {
        if (architecture == null) {
            throw new IllegalArgumentException("architecture must not be null");
        }
        if (inits == null || inits.isEmpty()) {
            throw new IllegalArgumentException("inits must name at least one initializer for " + architecture.id()
                    + ", was " + inits);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, was " + iterations);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        inits = List.copyOf(inits);
    }

    /**
     * @param n the budget, &gt;= 1
     * @return this experiment with that budget
     */
    public Experiment withIterations(int n) {
        return new Experiment(architecture, inits, n, batchSize);
    }

    /** @return the cells, one per initializer */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (StudyInit init : inits) {
            cells.add(new Cell(architecture, init));
        }
        return cells;
    }
}
