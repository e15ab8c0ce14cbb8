package org.dl4jinit.examples.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.dl4jinit.examples.data.FashionMnistData;

/**
 * The initializer study: trains every cell of a {@link StudyPlan} on Fashion-MNIST with the health listener and
 * checks the {@link PublishedFinding}s against the results.
 */
public final class Study {

    private final StudyPlan plan;
    private final FashionMnistData train;
    private final FashionMnistData test;

    /**
     * @param plan  what to train
     * @param train the training split
     * @param test  the test split
     */
    public Study(StudyPlan plan, FashionMnistData train, FashionMnistData test) {
        this.plan = plan;
        this.train = train;
        this.test = test;
    }

    /**
     * Runs every cell in plan order.
     *
     * @param progress progress sink
     * @param router   where health records go (e.g. the DL4J UI's storage), or empty
     * @return the results and the findings
     */
    public StudyResult run(Progress progress, Optional<StatsStorageRouter> router) {
        long start = System.nanoTime();
        CellRunner runner = new CellRunner(plan, train, test, router);
        List<Cell> cells = plan.cells();
        List<CellResult> results = new ArrayList<>();
        int index = 0;
        for (Experiment e : plan.experiments()) {
            for (Cell cell : e.cells()) {
                progress.cellStarted(cell, index++, cells.size());
                CellResult r = runner.run(cell, e.iterations(), e.batchSize(), progress);
                results.add(r);
                progress.cellFinished(r);
            }
        }
        return new StudyResult(plan, results, PublishedFinding.checkAll(results),
                (System.nanoTime() - start) / 1_000_000);
    }
}
