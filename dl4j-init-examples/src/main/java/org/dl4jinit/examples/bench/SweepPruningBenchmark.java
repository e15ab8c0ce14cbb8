package org.dl4jinit.examples.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dl4jinit.examples.sweep.FashionMnistSweep;
import org.dl4jinit.examples.sweep.SweepOptions;
import org.dl4jinit.sweep.PruningRule;
import org.dl4jinit.sweep.SweepReport;
import org.dl4jinit.sweep.SweepResult;

/**
 * Must-show 2 of the sweep: the same Fashion-MNIST grid ({@link FashionMnistSweep#space}, 24 candidates) with
 * and without health-aware pruning, in one JVM on the same loaded data, sweep after sweep. Prints both report
 * tables, the wall times, their ratio (target ≤ 1/3) and whether the winners agree; writes each report's CSV,
 * JSON and plots under {@code --out} (default target/bench-sweep/{pruned,unpruned}).
 *
 * <p>Order: {@code --warmup W} unmeasured sweeps first (default 1, with a tenth of the training data: the first
 * sweep of a JVM pays JIT and ND4J warm-up), then round r runs pruned first when r is even, unpruned first when
 * odd ({@code --rounds 4} gives AB/BA/AB/BA); the summary is the median of the per-round ratios. Arguments:
 * {@code [--rounds R] [--warmup W] [--out DIR]} followed by any {@link FashionMnistSweep} options
 * except {@code --no-pruning} (e.g. {@code --prune 3,20 --train 9600}).
 */
public final class SweepPruningBenchmark {

    private SweepPruningBenchmark() {
    }

    /**
     * Runs the warm-up and the measured rounds and prints the tables and the summary.
     *
     * @param args {@code [--rounds R] [--warmup W] [--out DIR]} and {@link FashionMnistSweep} options, e.g.
     *             {@code --rounds 4}
     * @throws Exception if the data cannot be read, or an option is bad (IllegalArgumentException)
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        int rounds = 1;
        int warmup = 1;
        Path out = Path.of("target", "bench-sweep");
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds") && i + 1 < args.length) {
                rounds = FashionMnistSweep.integer("--rounds", args[++i]);
            } else if (args[i].equals("--warmup") && i + 1 < args.length) {
                warmup = FashionMnistSweep.integer("--warmup", args[++i]);
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be >= 1, was " + rounds);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be >= 0, was " + warmup);
        }
        SweepOptions base = FashionMnistSweep.parse(rest.toArray(new String[0]));
        PruningRule rule = base.pruning() == null ? PruningRule.defaults() : base.pruning();
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
    }
}
