package org.dl4jinit.examples.cli;

import java.nio.file.Path;
import java.util.List;
import org.dl4jinit.examples.sweep.FashionMnistSweep;
import org.dl4jinit.examples.sweep.SweepOptions;
import org.dl4jinit.sweep.PruningRule;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the Fashion-MNIST sweep grid ({@link FashionMnistSweep}) as a picocli mixin: {@code --data},
 * {@code --train}, {@code --test}, {@code --width}, {@code --seed}, {@code --prune N,K}, {@code --no-pruning}.
 * The {@code sweep} command and the sweep benchmark harnesses share it, so the grid is configured the same way
 * everywhere; an option left out keeps the value of {@link SweepOptions#defaults()}.
 */
public final class SweepArgs {

    @Mixin
    DataOptions data;

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

    /**
     * The sweep's options from the command line; a broken rule is bad usage (exit code 2) naming the option, the
     * value and the rule.
     *
     * @param cl     the command these options belong to
     * @param outDir where the sweep's files go, or null to write nothing
     * @return the options
     * @throws CommandLine.ParameterException if a value breaks a rule of {@link SweepOptions} or {@code --prune}
     */
    public SweepOptions options(CommandLine cl, Path outDir) {
        return Dl4jInitCli.options(cl, () -> build(outDir));
    }

    private SweepOptions build(Path outDir) {
        SweepOptions o = SweepOptions.defaults().withOutDir(outDir);
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
}
