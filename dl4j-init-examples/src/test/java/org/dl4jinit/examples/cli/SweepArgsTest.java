package org.dl4jinit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.dl4jinit.examples.sweep.FashionMnistSweep;
import org.dl4jinit.examples.sweep.SweepOptions;
import org.dl4jinit.sweep.PruningRule;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The sweep grid's options, shared by {@code sweep} and the sweep benchmarks, parse into {@link SweepOptions}. */
class SweepArgsTest {

    @Command(name = "holder")
    static final class Holder {
        @Mixin
        SweepArgs sweep;
    }

    private static SweepOptions parse(String... args) {
        Holder h = new Holder();
        CommandLine cl = new CommandLine(h);
        cl.parseArgs(args);
        return h.sweep.options(cl, Path.of("o"));
    }

    @Test
    void everyOptionReachesTheSweepOptions() {
        SweepOptions o = parse("--data", "d", "--train", "640", "--test", "100", "--width", "16", "--seed", "3",
                "--prune", "2,8");

        assertThat(o.dataDir()).contains(Path.of("d"));
        assertThat(o.outDir()).isEqualTo(Path.of("o"));
        assertThat(o.trainExamples()).isEqualTo(640);
        assertThat(o.testExamples()).isEqualTo(100);
        assertThat(o.width()).isEqualTo(16);
        assertThat(o.seed()).isEqualTo(3);
        assertThat(o.pruning()).isEqualTo(new PruningRule(2, 8));
        assertThat(parse("--no-pruning").pruning()).isNull();
        assertThat(parse()).isEqualTo(SweepOptions.defaults().withOutDir(Path.of("o")));
    }

    @Test
    void aBrokenRuleIsAParameterExceptionNamingTheRule() {
        assertThatThrownBy(() -> parse("--train", "0")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("trainExamples must be between 1 and 60000, was 0");
        assertThatThrownBy(() -> parse("--prune", "3")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--prune must be N,K (e.g. 3,20), was [3]");
        assertThatThrownBy(() -> parse("--prune", "3,20", "--no-pruning"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--prune and --no-pruning exclude each other");
    }

    @Test
    void valuesThatAreNotNumbersAreRejectedNamingOptionAndValue() {
        assertThatThrownBy(() -> parse("--train", "lots")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'--train'").hasMessageContaining("'lots' is not an int");
        assertThatThrownBy(() -> parse("--seed", "0x2A")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'--seed'").hasMessageContaining("'0x2A' is not a long");
        assertThatThrownBy(() -> parse("--prune", "3,many")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("'--prune'").hasMessageContaining("'many' is not an int");
    }

    @Test
    void theGridHasTwentyFourCandidates() {
        GridSearchCandidateGenerator g = new GridSearchCandidateGenerator(FashionMnistSweep.space(16, 1), 3,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        assertThat(g.getTotalNumCandidates()).isEqualTo(24);
    }
}
