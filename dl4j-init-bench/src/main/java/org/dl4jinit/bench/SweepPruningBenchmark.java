package org.dl4jinit.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dl4jinit.examples.cli.SweepArgs;
import org.dl4jinit.examples.sweep.FashionMnistSweep;
import org.dl4jinit.examples.sweep.SweepOptions;
import org.dl4jinit.sweep.PruningRule;
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
 * The same Fashion-MNIST grid ({@link FashionMnistSweep#space}, 24 candidates) with and without health-aware
 * pruning, in one JVM on the same loaded data, sweep after sweep. Prints both report tables, the wall times, their
 * ratio and whether the winners agree; writes each report's CSV, JSON and plots under {@code --out} (default
 * target/bench-sweep/{pruned,unpruned}).
 *
 * <p>Order: {@code --warmup W} unmeasured sweeps first (default 1, with a tenth of the training data: the first
 * sweep of a JVM pays JIT and ND4J warm-up), then round r runs pruned first when r is even, unpruned first when
 * odd ({@code --rounds 4} gives AB/BA/AB/BA); the summary is the median of the per-round ratios. Options:
 * {@code [--rounds R] [--warmup W] [--out DIR]} and those of the sweep grid ({@link SweepArgs}; the pruning rule
 * of the pruned sweeps is {@code --prune N,K}, {@code --no-pruning} is rejected). Command:
 * {@code mvn -B -ntp -pl dl4j-init-bench -am package -DskipTests -Pbench-sweep} (docs/benchmarks.md).
 */
@Command(name = "sweep-pruning-benchmark", mixinStandardHelpOptions = true,
        description = "Fashion-MNIST sweep grid with vs without health-aware pruning, same JVM, AB/BA rounds")
public final class SweepPruningBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SweepArgs sweep;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "1",
            description = "measured rounds, each a pruned and an unpruned sweep (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "1",
            description = "unmeasured sweeps first, on a tenth of the data (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench-sweep",
            description = "folder of the reports (default: ${DEFAULT-VALUE})")
    Path out;

    /**
     * @param args see the class documentation, e.g. {@code --rounds 4}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SweepPruningBenchmark()).execute(args));
    }

    /**
     * Runs the warm-up and the measured rounds and prints the tables and the summary.
     *
     * @return 0
     * @throws Exception if the data cannot be read
     */
    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds must be >= 1, was " + rounds);
        }
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must be >= 0, was " + warmup);
        }
        SweepOptions base = sweep.options(spec.commandLine(), null);
        if (base.pruning() == null) {
            throw new ParameterException(spec.commandLine(), "--no-pruning: this benchmark runs both; "
                    + "set the pruned sweeps' rule with --prune N,K");
        }
        PruningRule rule = base.pruning();
        FashionMnistSweep.Data data = FashionMnistSweep.Data.load(base);
        for (int w = 0; w < warmup; w++) {
            // JIT and ND4J warm-up on the same grid with a tenth of the data; not measured, nothing written
            SweepReport rep = FashionMnistSweep.run(base.withOutDir(null)
                    .withTrainExamples(Math.max(base.batchSize(), base.trainExamples() / 10))
                    .withPruning(w % 2 == 0 ? null : rule), data);
            System.out.printf(Locale.ROOT, "warm-up sweep %d: %.1f s%n", w, rep.wallMillis() / 1000.0);
        }
        double[] ratios = new double[rounds];
        boolean allSame = true;
        StringBuilder summary = new StringBuilder();
        for (int r = 0; r < rounds; r++) {
            SweepReport pruned = null;
            SweepReport unpruned = null;
            for (int k = 0; k < 2; k++) {
                boolean prune = (r % 2 == 0) == (k == 0);
                SweepOptions o = base.withPruning(prune ? rule : null)
                        .withOutDir(out.resolve("round" + r).resolve(prune ? "pruned" : "unpruned"));
                SweepReport rep = FashionMnistSweep.run(o, data);
                System.out.printf(Locale.ROOT, "%n== round %d, %s ==%n%s", r, prune ? "pruned" : "unpruned",
                        rep.toTable());
                if (prune) {
                    pruned = rep;
                } else {
                    unpruned = rep;
                }
            }
            ratios[r] = (double) pruned.wallMillis() / unpruned.wallMillis();
            String wp = pruned.winner().map(SweepResult::label).orElse("none");
            String wu = unpruned.winner().map(SweepResult::label).orElse("none");
            boolean same = wp.equals(wu);
            allSame &= same;
            summary.append(String.format(Locale.ROOT, "round %d (%s first): pruned %.1f s (%d pruned of %d), "
                    + "unpruned %.1f s, ratio %.3f; winner pruned: %s; unpruned: %s; same: %s%n", r,
                    r % 2 == 0 ? "pruned" : "unpruned", pruned.wallMillis() / 1000.0,
                    pruned.count(org.dl4jinit.sweep.CandidateOutcome.PRUNED), pruned.results().size(),
                    unpruned.wallMillis() / 1000.0, ratios[r], wp, wu, same));
        }
        Arrays.sort(ratios);
        double median = ratios.length % 2 == 1 ? ratios[ratios.length / 2]
                : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
        System.out.printf(Locale.ROOT, "%n%spruning rule: %s; options: %s%nmedian wall-time ratio pruned/unpruned "
                + "%.3f (target <= 0.333: %s); same winner in every round: %s%n", summary, rule, base, median,
                median <= 1.0 / 3 ? "met" : "not met", allSame);
        return 0;
    }
}
