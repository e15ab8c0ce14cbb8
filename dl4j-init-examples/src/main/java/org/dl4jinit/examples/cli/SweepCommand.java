package org.dl4jinit.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.dl4jinit.examples.sweep.FashionMnistSearch;
import org.dl4jinit.examples.sweep.FashionMnistSweep;
import org.dl4jinit.examples.sweep.HalvingPlot;
import org.dl4jinit.examples.sweep.SearchOptions;
import org.dl4jinit.examples.sweep.SweepOptions;
import org.dl4jinit.examples.sweep.SweepPlot;
import org.dl4jinit.sweep.RungExecutor;
import org.dl4jinit.sweep.RungExecutorFactory;
import org.dl4jinit.sweep.RungTrainer;
import org.dl4jinit.sweep.SweepReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dl4j-init sweep}: an initializer search on Fashion-MNIST with health-aware pruning
 * ({@link FashionMnistSearch}): {@code --scheduler grid} (default) trains the 24-candidate grid of
 * {@link FashionMnistSweep#space} ({zero, N(0,1)·0.001, Xavier, He, orthogonal, LSUV} × {ReLU, tanh} × depth
 * {3, 12}) for the full budget; {@code random} draws {@code --candidates} from initializer family × scale or gain
 * over decades × activation × depth {3, 12, 30} and trains each for the full budget; {@code asha} runs the same
 * random candidates under asynchronous successive halving; {@code --spark MASTER} runs the jobs on Spark (with
 * dl4j-init-spark on the classpath). Prints a line per finished job, the report table, and
 * writes CSV, JSON and PNG plots (with ASHA also the score-vs-iterations plot).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Initializer search on Fashion-MNIST: grid, random search or ASHA (successive halving) over "
                + "initializer × gain × activation × depth; candidates that fail a health condition for N "
                + "consecutive iterations within their first K are pruned."})
public final class SweepCommand implements Callable<Integer>, Preflight {

    /** The name of dl4j-init-spark's {@link RungExecutorFactory}. */
    static final String SPARK = "spark";

    @Spec
    CommandSpec spec;

    @Mixin
    SweepArgs sweep;

    @Mixin
    SearchArgs search;

    @Option(names = "--scheduler", paramLabel = "S", defaultValue = "grid",
            converter = SchedulerConverter.class,
            description = "grid, random or asha (default: ${DEFAULT-VALUE})")
    SearchOptions.Scheduler scheduler;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "run each job (a candidate's rung) as a Spark task on this master: local[N], "
                    + "spark://HOST:PORT, yarn, k8s://URL, ...; needs dl4j-init-spark on the classpath "
                    + "(docs/spark.md); --concurrency then defaults to the executors' task slots")
    String spark;

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
        SearchOptions s = search.options(spec.commandLine(), o, SearchOptions.defaults().withScheduler(scheduler));
        Function<RungTrainer, RungExecutor> executors = spark == null ? null : sparkExecutors(s);
        System.setProperty("java.awt.headless", "true");
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s search, %s, %s%n", scheduler.name().toLowerCase(Locale.ROOT), s.schedule(o),
                spark == null ? "concurrency " + s.concurrency() : "on Spark " + spark + ", concurrency "
                        + (search.concurrency == null ? "the executors' task slots" : s.concurrency()));
        w.flush();
        SweepReport report = FashionMnistSearch.run(o, s, FashionMnistSweep.Data.load(o), r -> {
            w.println("  " + r);
            w.flush();
        }, executors);
        String title = "Fashion-MNIST " + scheduler.name().toLowerCase(Locale.ROOT) + " search (pruning "
                + report.pruning() + ")";
        report.write(out, "sweep");
        List<String> files = new ArrayList<>(List.of("sweep.csv", "sweep.json", SweepPlot.WALL_PNG,
                SweepPlot.SCORE_PNG));
        SweepPlot.write(report, out, title);
        if (s.schedule(o).halving()) {
            HalvingPlot.write(report, out, title);
            files.add(HalvingPlot.PNG);
        }
        w.print(report.toTable());
        w.printf(Locale.ROOT, "%nWinner: %s%nWrote %s under %s%n",
                report.winner().map(Object::toString).orElse("none (no candidate completed the full budget)"),
                String.join(", ", files), out.toAbsolutePath());
        w.flush();
        return 0;
    }

    /**
     * The Spark executor of {@code --spark}, found by {@link ServiceLoader} so that Spark stays off this module's
     * classpath; the master is checked before any data is read.
     */
    private Function<RungTrainer, RungExecutor> sparkExecutors(SearchOptions s) {
        CommandLine cl = spec.commandLine();
        RungExecutorFactory f = RungExecutorFactory.find(SPARK).orElseThrow(() -> new ParameterException(cl,
                "--spark needs dl4j-init-spark on the classpath: run the sweep with spark-submit, or with "
                        + "CLASSPATH_PREFIX set to dl4j-init-spark's classpath file (docs/spark.md)"));
        Dl4jInitCli.options(cl, () -> {
            try {
                f.validate(spark);
                return f;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--spark: " + e.getMessage(), e);
            }
        });
        int concurrency = search.concurrency == null ? 0 : s.concurrency();
        return t -> f.open(spark, concurrency, t);
    }

    /** Reads {@code --scheduler} case-insensitively, naming the allowed values when it is none of them. */
    static final class SchedulerConverter implements ITypeConverter<SearchOptions.Scheduler> {
        @Override
        public SearchOptions.Scheduler convert(String value) {
            for (SearchOptions.Scheduler s : SearchOptions.Scheduler.values()) {
                if (s.name().equalsIgnoreCase(value)) {
                    return s;
                }
            }
            throw new TypeConversionException("--scheduler must be grid, random or asha, was \""
                    + value + "\"");
        }
    }
}
