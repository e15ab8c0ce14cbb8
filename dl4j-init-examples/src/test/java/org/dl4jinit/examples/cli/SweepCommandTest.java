package org.dl4jinit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep}'s bad input is one line with a non-zero exit code (the sweep itself is tested in core). */
class SweepCommandTest {

    @TempDir
    Path tmp;

    @Test
    void pruneNeedsTwoNumbers() {
        Cli r = Cli.run("sweep", "--prune", "3");

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err).startsWith("error: --prune must be N,K (e.g. 3,20), was [3]");
    }

    @Test
    void pruneAndNoPruningExcludeEachOther() {
        Cli r = Cli.run("sweep", "--prune", "3,20", "--no-pruning");

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(r.err).startsWith("error: --prune and --no-pruning exclude each other");
    }

    @Test
    void badWidthAndMissingDataAreOneLine() {
        Cli width = Cli.run("sweep", "--width", "0");
        assertThat(width.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(width.errLines()).isEqualTo(1);
        assertThat(width.err).startsWith("error: width must be between 1 and 65536, was 0");

        Cli data = Cli.run("sweep", "--data", tmp.resolve("none").toString(), "--out", tmp.toString());
        assertThat(data.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(data.errLines()).isEqualTo(1);
        assertThat(data.err).startsWith("error: Fashion-MNIST not found");
    }
}
