package org.dl4jinit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dl4jinit.examples.sweep.SearchOptions;
import org.dl4jinit.examples.sweep.SweepOptions;
import org.dl4jinit.sweep.Schedule;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The search options parse into {@link SearchOptions}, and the budgets derive from the data when left out. */
class SearchArgsTest {

    @Command(name = "holder")
    static final class Holder {
        @Mixin
        SearchArgs search;
    }

    private static SearchOptions parse(SearchOptions.Scheduler scheduler, String... args) {
        Holder h = new Holder();
        CommandLine cl = new CommandLine(h);
        cl.parseArgs(args);
        return h.search.options(cl, SweepOptions.defaults(), SearchOptions.defaults().withScheduler(scheduler));
    }

    @Test
    void everyOptionReachesTheSearchOptions() {
        SearchOptions o = parse(SearchOptions.Scheduler.ASHA, "--candidates", "12", "--min-budget", "30",
                "--max-budget", "810", "--eta", "3", "--brackets", "2", "--concurrency", "2");
        assertThat(o).isEqualTo(new SearchOptions(SearchOptions.Scheduler.ASHA, 12, 30, 810, 3, 2, 2));
        assertThat(o.schedule(SweepOptions.defaults())).isEqualTo(Schedule.hyperband(30, 810, 3, 2));
    }

    @Test
    void budgetsLeftOutAreOnePassAndThePruningWindow() {
        // 9600 training examples in batches of 64: one pass is 150 iterations; the default window K is 20
        assertThat(parse(SearchOptions.Scheduler.GRID).schedule(SweepOptions.defaults()))
                .isEqualTo(Schedule.fullBudget(150));
        assertThat(parse(SearchOptions.Scheduler.ASHA).schedule(SweepOptions.defaults()))
                .isEqualTo(Schedule.asha(20, 150, 3));
        assertThat(parse(SearchOptions.Scheduler.RANDOM, "--max-budget", "540").schedule(SweepOptions.defaults()))
                .isEqualTo(Schedule.fullBudget(540));
    }

    @Test
    void brokenRulesAreParameterExceptionsNamingTheRule() {
        assertThatThrownBy(() -> parse(SearchOptions.Scheduler.ASHA, "--brackets", "4"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("brackets must be between 1 and the number of rungs (3: 20/60/150 iterations), was 4");
        assertThatThrownBy(() -> parse(SearchOptions.Scheduler.GRID, "--max-budget", "0"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessage("--max-budget must be >= 1, was 0");
        assertThatThrownBy(() -> parse(SearchOptions.Scheduler.RANDOM, "--candidates", "0"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessage("candidates must be >= 1, was 0");
    }
}
