package org.dl4jinit.examples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dl4jinit.examples.sweep.FashionMnistSweep;
import org.dl4jinit.examples.sweep.SweepOptions;
import org.dl4jinit.examples.sweep.SweepPlot;
import org.dl4jinit.sweep.PruningRule;
import org.dl4jinit.sweep.SweepReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dl4j-init sweep}: an Arbiter grid search over initializers on Fashion-MNIST ({@link FashionMnistSweep}:
 * {zero, N(0,1)·0.001, Xavier, He, orthogonal, LSUV} × {ReLU, tanh} × depth {3, 12}) with health-aware pruning;
 * prints the report table and writes CSV, JSON and PNG plots.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Arbiter grid search over initializers × activation × depth on Fashion-MNIST; candidates "
                + "that fail a health condition for N consecutive iterations within their first K are pruned."})
public final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sweep-report",
            description = "folder for sweep.csv, sweep.json and the plots (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--train", paramLabel = "N", description = "training examples per candidate, one epoch "
            + "(default: 9600)")
    Integer train;

    @Option(names = "--test", paramLabel = "N", description = "test examples of the score (default: 2000)")
    Integer test;

    @Option(names = "--width", paramLabel = "W", description = "hidden layer width (default: 128)")
    Integer width;

    @Option(names = "--seed", paramLabel = "S", description = "network and shuffling seed (default: 42)")
    Long seed;

    @Option(names = "--prune", paramLabel = "N,K", split = ",", arity = "1",
            description = "prune after N consecutive failing iterations within the first K (default: "
                    + PruningRule.DEFAULT_FAILING_ITERATIONS + "," + PruningRule.DEFAULT_WITHIN_ITERATIONS + ")")
    List<Integer> prune;

    @Option(names = "--no-pruning", description = "train every candidate to the end")
    boolean noPruning;

    private SweepOptions sweepOptions() {
        SweepOptions o = SweepOptions.defaults().withOutDir(out);
        if (data.data != null) {
            o = o.withDataDir(data.data);
        }
        if (train != null) {
            o = o.withTrainExamples(train);
        }
        if (test != null) {
            o = o.withTestExamples(test);
        }
        if (width != null) {
            o = o.withWidth(width);
        }
        if (seed != null) {
            o = o.withSeed(seed);
        }
        if (prune != null && noPruning) {
            throw new IllegalArgumentException("--prune and --no-pruning exclude each other");
        }
        if (prune != null) {
            if (prune.size() != 2) {
                throw new IllegalArgumentException("--prune must be N,K (e.g. 3,20), was " + prune);
            }
            o = o.withPruning(new PruningRule(prune.get(0), prune.get(1)));
        }
        if (noPruning) {
            o = o.withPruning(null);
        }
        return o;
    }

    @Override
    public Integer call() throws Exception {
        SweepOptions o = Dl4jInitCli.options(spec.commandLine(), this::sweepOptions);
        System.setProperty("java.awt.headless", "true");
        SweepReport report = FashionMnistSweep.run(o);
        var w = spec.commandLine().getOut();
        w.print(report.toTable());
        w.printf(Locale.ROOT, "%nWinner: %s%nWrote sweep.csv, sweep.json, %s, %s under %s%n",
                report.winner().map(Object::toString).orElse("none (every candidate was pruned or crashed)"),
                SweepPlot.WALL_PNG, SweepPlot.SCORE_PNG, out.toAbsolutePath());
        w.flush();
        return 0;
    }
}
