package org.dl4jinit.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dl4jinit.examples.cli.SearchArgs;
import org.dl4jinit.examples.cli.SweepArgs;
import org.dl4jinit.examples.sweep.FashionMnistSearch;
import org.dl4jinit.examples.sweep.FashionMnistSweep;
import org.dl4jinit.examples.sweep.HalvingPlot;
import org.dl4jinit.examples.sweep.SearchOptions;
import org.dl4jinit.examples.sweep.SweepOptions;
import org.dl4jinit.examples.sweep.SweepPlot;
import org.dl4jinit.sweep.CandidateOutcome;
import org.dl4jinit.sweep.SweepReport;
import org.dl4jinit.sweep.SweepResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The ASHA issue's benchmark: random search over {@link FashionMnistSearch#space} (initializer family × scale or
 * gain over decades × {ReLU, tanh} × depth {3, 12, 30}) on Fashion-MNIST, one candidate list for three arms run
 * one after the other in one JVM on the same loaded data: (a) every candidate trained the full budget R, (b)
 * the same with health pruning, (c) ASHA with health pruning. Prints each arm's report table, then wall time,
 * iterations and best test loss per arm with the ratios to (a); writes each arm's CSV, JSON and plots under
 * {@code --out}.
 *
 * <p>Then the concurrency measurement: the first {@code --throughput-candidates} candidates that (b) did not
 * prune, trained {@code --throughput-iterations} each with health pruning, at concurrency 1 and then 2: wall
 * times, iterations per second, the speed-up, and whether every candidate's score is the same at both.
 *
 * <p>Options: those of the sweep grid ({@link SweepArgs}: {@code --data --train --test --width --seed --prune};
 * {@code --no-pruning} is rejected, the arms decide), those of the search ({@link SearchArgs}, with this
 * benchmark's defaults: {@code --candidates 45}, {@code --min-budget} the rule's window, {@code --max-budget 540},
 * {@code --eta 3}, {@code --brackets 1}, {@code --concurrency 2} for the three arms), {@code
 * --throughput-candidates M} (default 8, 0 skips), {@code --throughput-iterations I} (default 180) and
 * {@code --out DIR}. The profile passes {@code --train 60000} (so no candidate sees a batch twice), 45 candidates,
 * R = 180 and 6 × 120 for the concurrency measurement (the class defaults, R = 540 and 8 × 180, take several
 * times as long; docs/benchmarks.md has the durations). Command:
 * {@code mvn -B -ntp -pl dl4j-init-bench -am package -DskipTests -Pbench-asha} (docs/benchmarks.md).
 */
@Command(name = "asha-benchmark", mixinStandardHelpOptions = true,
        description = "Fashion-MNIST random search: full budget vs health pruning vs ASHA + health, same candidates")
public final class AshaBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SweepArgs sweep;

    @Mixin
    SearchArgs search;

    @Option(names = "--throughput-candidates", paramLabel = "M", defaultValue = "8",
            description = "candidates of the concurrency 1 vs 2 measurement, 0 to skip (default: ${DEFAULT-VALUE})")
    int throughputCandidates;

    @Option(names = "--throughput-iterations", paramLabel = "I", defaultValue = "180",
            description = "iterations per candidate in the concurrency measurement (default: ${DEFAULT-VALUE})")
    int throughputIterations;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench-asha",
            description = "folder of the reports (default: ${DEFAULT-VALUE})")
    Path out;

    /**
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new AshaBenchmark()).execute(args));
    }

    /** One arm's outcome. */
    private record Arm(String name, SweepReport report) {
        double seconds() {
            return report.wallMillis() / 1000.0;
        }

        double best() {
            return report.winner().map(SweepResult::score).orElse(Double.NaN);
        }
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        SweepOptions base = sweep.options(spec.commandLine(), null);
        if (base.pruning() == null) {
            throw new ParameterException(spec.commandLine(), "--no-pruning: this benchmark runs arms with and "
                    + "without pruning; set the rule of arms (b) and (c) with --prune N,K");
        }
        if (throughputCandidates < 0 || throughputIterations < 1) {
            throw new ParameterException(spec.commandLine(), "--throughput-candidates must be >= 0 and "
                    + "--throughput-iterations >= 1, were " + throughputCandidates + " and " + throughputIterations);
        }
        SearchOptions random = search.options(spec.commandLine(), base, SearchOptions.defaults()
                .withScheduler(SearchOptions.Scheduler.ASHA).withCandidates(45).withMaxIterations(540)
                .withConcurrency(2)).withScheduler(SearchOptions.Scheduler.RANDOM);
        SearchOptions asha = random.withScheduler(SearchOptions.Scheduler.ASHA);
        FashionMnistSweep.Data data = FashionMnistSweep.Data.load(base);
        // JIT and ND4J warm-up: a few candidates at a small budget, not measured
        FashionMnistSearch.run(base, random.withCandidates(3).withMaxIterations(30), data, null);

        List<Arm> arms = new ArrayList<>();
        arms.add(run("(a) full budget", base.withPruning(null), random, data));
        arms.add(run("(b) health pruning", base, random, data));
        arms.add(run("(c) ASHA + health", base, asha, data));
        Arm full = arms.get(0);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%n%-22s %9s %7s %11s %7s %12s %8s  %s%n", "arm", "wall s", "ratio", "iterations", "ratio",
                "best loss", "vs (a)", "winner"));
        for (Arm a : arms) {
            sb.append(String.format(Locale.ROOT, "%-22s %9.1f %7.3f %11d %7.3f %12.5f %+7.2f%%  %s%n", a.name(),
                    a.seconds(), a.seconds() / full.seconds(), a.report().iterations(),
                    (double) a.report().iterations() / full.report().iterations(), a.best(),
                    100 * (a.best() / full.best() - 1),
                    a.report().winner().map(SweepResult::label).orElse("none")));
        }
        Arm c = arms.get(2);
        sb.append(String.format(Locale.ROOT, "target (c) wall <= 1/3 of (a): %s (%.3f); (c) best loss within 1%% of "
                + "(a)'s or better: %s%n", c.seconds() <= full.seconds() / 3 ? "met" : "not met",
                c.seconds() / full.seconds(), c.best() <= full.best() * 1.01 ? "met" : "not met"));
        sb.append(String.format(Locale.ROOT, "%d candidates, %s; concurrency %d; options %s%n",
                random.candidates(), asha.schedule(base), random.concurrency(), base));
        System.out.print(sb);
        if (throughputCandidates > 0) {
            System.out.print(throughput(base, random, data, arms.get(1).report()));
        }
        return 0;
    }

    private Arm run(String name, SweepOptions o, SearchOptions s, FashionMnistSweep.Data data) {
        System.out.printf(Locale.ROOT, "%n== %s ==%n", name);
        SweepReport r = FashionMnistSearch.run(o, s, data, null);
        System.out.print(r.toTable());
        Path dir = out.resolve(name.substring(1, 2));
        r.write(dir, "sweep");
        SweepPlot.write(r, dir, "Fashion-MNIST search " + name);
        if (r.schedule().map(x -> x.halving()).orElse(false)) {
            HalvingPlot.write(r, dir, "Fashion-MNIST search " + name);
        }
        return new Arm(name, r);
    }

    /**
     * The concurrency measurement: the same candidates (the first ones (b) kept) at concurrency 1 and 2.
     */
    private String throughput(SweepOptions base, SearchOptions search, FashionMnistSweep.Data data,
            SweepReport pruned) {
        // candidates are drawn in order: draw as many as needed to include M unpruned ones
        int draw = 0;
        int kept = 0;
        for (SweepResult r : pruned.results()) {
            draw++;
            if (r.outcome() != CandidateOutcome.PRUNED) {
                kept++;
            }
            if (kept == throughputCandidates) {
                break;
            }
        }
        SearchOptions s = search.withCandidates(draw).withMaxIterations(throughputIterations);
        SweepReport one = FashionMnistSearch.run(base, s.withConcurrency(1), data, null);
        SweepReport two = FashionMnistSearch.run(base, s.withConcurrency(2), data, null);
        int same = 0;
        for (int i = 0; i < one.results().size(); i++) {
            SweepResult a = one.results().get(i);
            SweepResult b = two.results().get(i);
            if (a.outcome() == b.outcome() && a.iterations() == b.iterations()
                    && Double.compare(a.score(), b.score()) == 0) {
                same++;
            }
        }
        double s1 = one.iterations() / (one.wallMillis() / 1000.0);
        double s2 = two.iterations() / (two.wallMillis() / 1000.0);
        return String.format(Locale.ROOT, "%nconcurrency: %d candidates (%d trained, %d iterations each, "
                + "the others pruned), concurrency 1: %.1f s, %.1f iterations/s; concurrency 2: %.1f s, %.1f "
                + "iterations/s; speed-up %.2fx; same outcome, iterations and score at 1 and 2: %d of %d%n", draw,
                kept, throughputIterations, one.wallMillis() / 1000.0, s1, two.wallMillis() / 1000.0, s2, s2 / s1,
                same, draw);
    }
}
