package org.dl4jinit.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.dl4jinit.examples.cli.SweepArgs;
import org.dl4jinit.examples.sweep.FashionMnistSweep;
import org.dl4jinit.examples.sweep.SweepOptions;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.HealthPolicy;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.health.Violation;
import org.dl4jinit.sweep.InitializerSweep;
import org.dl4jinit.sweep.SweepReport;
import org.dl4jinit.sweep.SweepResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Evidence for the pruning rule's N: runs the {@link FashionMnistSweep} grid without pruning and prints, per
 * candidate, which of its first {@value #WINDOW} iterations had a FAILING health verdict, the streak it starts
 * with, the longest streak within the first 20 iterations (the default K) and its final score. A rule with N
 * consecutive FAILING iterations prunes exactly the candidates whose longest streak within K reaches N, so the
 * table shows how much margin the default N = 3 leaves between trainable and hopeless candidates.
 *
 * <p>Options: those of the sweep grid ({@link SweepArgs}; pruning is switched off, nothing is written). Command:
 * {@code mvn -B -ntp -pl dl4j-init-bench -am package -DskipTests -Pbench-streaks} (docs/benchmarks.md).
 */
@Command(name = "failing-streaks", mixinStandardHelpOptions = true,
        description = "FAILING iterations per candidate of the unpruned Fashion-MNIST sweep grid")
public final class FailingStreaks implements Callable<Integer> {

    /** How many first iterations are recorded per candidate. */
    public static final int WINDOW = 40;

    @Spec
    CommandSpec spec;

    @Mixin
    SweepArgs sweep;

    /**
     * @param args the options of the sweep grid, e.g. {@code --width 64}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new FailingStreaks()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SweepOptions o = sweep.options(spec.commandLine(), null).withPruning(null);
        FashionMnistSweep.Data data = FashionMnistSweep.Data.load(o);
        Map<String, boolean[]> failing = new ConcurrentHashMap<>();
        Map<String, String> first = new ConcurrentHashMap<>();
        HealthConfig health = HealthConfig.builder().onWarning().onFailing(HealthPolicy.CALLBACK).callback(r -> {
            if (r.iteration() < WINDOW) {
                failing.computeIfAbsent(r.sessionId(), k -> new boolean[WINDOW])[r.iteration()] = true;
                for (Violation v : r.violations()) {
                    if (v.verdict() == Verdict.FAILING) {
                        first.putIfAbsent(r.sessionId(), "iteration " + r.iteration() + ": " + v.where() + " "
                                + v.condition());
                        break;
                    }
                }
            }
        }).build();
        SweepReport report = InitializerSweep.builder(FashionMnistSweep.space(o.width(), o.seed()))
                .data(data.sweepData(o)).health(health).noPruning().build().run();
        print(report, failing, first, System.out);
        return 0;
    }

    private static void print(SweepReport report, Map<String, boolean[]> failing, Map<String, String> first,
            PrintStream out) {
        out.printf(Locale.ROOT, "%-4s %-16s %-5s %6s %8s %8s %9s %8s  %s%n", "#", "initializer", "act", "layers",
                "score", "failing", "start run", "max <=20", "first FAILING finding");
        List<String> hopeless = new ArrayList<>();
        for (SweepResult r : report.results()) {
            boolean[] f = failing.getOrDefault("candidate-" + r.index(), new boolean[WINDOW]);
            int count = 0;
            int start = 0;
            while (start < WINDOW && f[start]) {
                start++;
            }
            int longest = 0;
            int run = 0;
            for (int i = 0; i < WINDOW; i++) {
                count += f[i] ? 1 : 0;
                run = f[i] ? run + 1 : 0;
                if (i < 20) {
                    longest = Math.max(longest, run);
                }
            }
            String init = r.initializer();
            String name = init.indexOf('(') > 0 ? init.substring(0, init.indexOf('(')) : init;
            out.printf(Locale.ROOT, "%-4d %-16s %-5s %6d %8.4f %5d/%d %9d %8d  %s%n", r.index(), name,
                    r.activation(), r.layers(), r.score(), count, WINDOW, start, longest,
                    first.getOrDefault("candidate-" + r.index(), "-"));
            if (longest > 0) {
                hopeless.add("#" + r.index());
            }
        }
        out.printf(Locale.ROOT, "candidates with any FAILING iteration among the first 20: %s%n", hopeless);
    }
}
