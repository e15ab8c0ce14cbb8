package org.dl4jinit.examples.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dl4jinit.examples.sweep.FashionMnistSweep;
import org.dl4jinit.examples.sweep.SweepOptions;
import org.dl4jinit.examples.sweep.SweepPlot;
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
public final class SweepCommand implements Callable<Integer>, Preflight {

    @Spec
    CommandSpec spec;

    @Mixin
    SweepArgs sweep;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sweep-report",
            description = "folder for sweep.csv, sweep.json and the plots (default: ${DEFAULT-VALUE})")
    Path out;

    /** The report folder is checked (created and written to) before the sweep's training. */
    @Override
    public void preflight() {
        OutputFolder.requireWritable(spec.commandLine(), "--out", out);
    }

    @Override
    public Integer call() throws Exception {
        SweepOptions o = sweep.options(spec.commandLine(), out);
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
