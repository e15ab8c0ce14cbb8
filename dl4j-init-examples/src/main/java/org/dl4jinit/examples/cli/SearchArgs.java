package org.dl4jinit.examples.cli;

import org.dl4jinit.examples.sweep.FashionMnistSearch;
import org.dl4jinit.examples.sweep.SearchOptions;
import org.dl4jinit.examples.sweep.SweepOptions;
import org.dl4jinit.sweep.AshaSweep;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The search options of {@link FashionMnistSearch} as a picocli mixin: {@code --candidates}, {@code --min-budget},
 * {@code --max-budget}, {@code --eta}, {@code --brackets}, {@code --concurrency}. The {@code sweep} command and the
 * ASHA benchmark share it; an option left out keeps the value of the defaults the caller passes.
 */
public final class SearchArgs {

    @Option(names = "--candidates", paramLabel = "N",
            description = "candidates random search draws for --scheduler random or asha (default: 40)")
    Integer candidates;

    @Option(names = "--min-budget", paramLabel = "r",
            description = "ASHA's first rung in training iterations, >= the pruning window K (default: K)")
    Integer minBudget;

    @Option(names = "--max-budget", paramLabel = "R",
            description = "iterations a candidate trains at most, ASHA's top rung (default: one pass over --train)")
    Integer maxBudget;

    @Option(names = "--eta", paramLabel = "ETA",
            description = "ASHA keeps the top 1/ETA of a rung and trains them ETA times longer, >= 2 (default: 3)")
    Integer eta;

    @Option(names = "--brackets", paramLabel = "B",
            description = "Hyperband: B ASHA brackets starting at rungs 0..B-1 (default: 1, plain ASHA)")
    Integer brackets;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "candidates training at once, one ND4J thread each (default: 1)")
    Integer concurrency;

    /**
     * The search options from the command line, checked against the sweep options (the budgets and η make a
     * schedule, or a bad-usage error naming the value and the rule, before any data is read).
     *
     * @param cl       the command these options belong to
     * @param sweep    the data and pruning options (the default budgets derive from them)
     * @param defaults the values of options left out
     * @return the options
     * @throws CommandLine.ParameterException if a value breaks a rule
     */
    public SearchOptions options(CommandLine cl, SweepOptions sweep, SearchOptions defaults) {
        return Dl4jInitCli.options(cl, () -> {
            SearchOptions o = defaults;
            if (candidates != null) {
                o = o.withCandidates(candidates);
            }
            if (minBudget != null) {
                o = o.withMinIterations(positive("--min-budget", minBudget));
            }
            if (maxBudget != null) {
                o = o.withMaxIterations(positive("--max-budget", maxBudget));
            }
            if (eta != null) {
                o = o.withEta(eta);
            }
            if (brackets != null) {
                o = o.withBrackets(brackets);
            }
            if (concurrency != null) {
                o = o.withConcurrency(concurrency);
            }
            AshaSweep.requirePruningWindow(o.schedule(sweep), sweep.pruning());
            return o;
        });
    }

    private static int positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, was " + value);
        }
        return value;
    }
}
