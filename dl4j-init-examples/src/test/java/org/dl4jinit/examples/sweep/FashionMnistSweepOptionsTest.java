package org.dl4jinit.examples.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.dl4jinit.sweep.PruningRule;
import org.junit.jupiter.api.Test;

class FashionMnistSweepOptionsTest {

    @Test
    void parsesEveryOption() {
        SweepOptions o = FashionMnistSweep.parse("--data", "d", "--out", "o", "--train", "640", "--test", "100",
                "--width", "16", "--seed", "3", "--prune", "2,8");
        assertThat(o.dataDir()).contains(Path.of("d"));
        assertThat(o.outDir()).isEqualTo(Path.of("o"));
        assertThat(o.trainExamples()).isEqualTo(640);
        assertThat(o.testExamples()).isEqualTo(100);
        assertThat(o.width()).isEqualTo(16);
        assertThat(o.seed()).isEqualTo(3);
        assertThat(o.pruning()).isEqualTo(new PruningRule(2, 8));
        assertThat(FashionMnistSweep.parse("--no-pruning").pruning()).isNull();
        assertThat(FashionMnistSweep.parse().pruning()).isEqualTo(PruningRule.defaults());
    }

    @Test
    void badOptionsAreRejectedWithTheRule() {
        assertThatThrownBy(() -> FashionMnistSweep.parse("--train", "0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trainExamples must be between 1 and 60000, was 0");
        assertThatThrownBy(() -> FashionMnistSweep.parse("--prune", "3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--prune must be N,K (e.g. 3,20), was 3");
        assertThatThrownBy(() -> FashionMnistSweep.parse("--bogus", "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option --bogus; known: --data, --out, --train, --test, --width, --seed, "
                        + "--prune N,K, --no-pruning");
        assertThatThrownBy(() -> FashionMnistSweep.parse("--out")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --out needs a value");
    }

    @Test
    void valuesThatAreNotNumbersAreRejectedNamingOptionAndValue() {
        assertThatThrownBy(() -> FashionMnistSweep.parse("--train", "lots"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --train must be an integer, was \"lots\"");
        assertThatThrownBy(() -> FashionMnistSweep.parse("--width", "12.5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --width must be an integer, was \"12.5\"");
        assertThatThrownBy(() -> FashionMnistSweep.parse("--seed", "0x2A"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --seed must be an integer, was \"0x2A\"");
        assertThatThrownBy(() -> FashionMnistSweep.parse("--prune", "3,many"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --prune K must be an integer, was \"many\"");
        assertThatThrownBy(() -> FashionMnistSweep.parse("--prune", "3,"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --prune K must be an integer, was \"\"");
    }

    @Test
    void spaceIsTheTwentyFourCandidateGrid() {
        GridSearchCandidateGenerator g = new GridSearchCandidateGenerator(FashionMnistSweep.space(16, 1), 3,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        assertThat(g.getTotalNumCandidates()).isEqualTo(24);
    }
}
