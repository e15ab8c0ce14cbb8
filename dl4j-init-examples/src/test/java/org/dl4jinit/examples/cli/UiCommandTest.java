package org.dl4jinit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dl4jinit.examples.data.FashionMnistDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ui}: trains with the DL4J UI attached, prints the Gradient Health page's URL; bad input is one line. */
class UiCommandTest {

    @TempDir
    Path tmp;

    @Test
    void printsThePageUrlAndStopsTheServerWithExit() {
        Path data = FashionMnistDirectory.DEFAULT_DIRECTORY;
        if (!"1".equals(System.getenv("DL4JINIT_REQUIRE_DATA"))) {
            Assumptions.assumeTrue(Files.isDirectory(data), data + " absent: apt-get install dataset-fashion-mnist");
        }
        Cli r = Cli.run("ui", "--port", "0", "--init", "zero", "--limit", "512", "--exit");
        String out = r.out;

        assertThat(r.exit).as(r.err).isZero();
        assertThat(out).containsPattern("Gradient Health page: http://localhost:\\d+/health\\?session=fashion-mnist-"
                + "zero-init-").contains("listens on all network interfaces")
                .contains("Training done: 4 iterations, last verdict FAILING");
    }

    @Test
    void badInitAndPortAreOneLine() {
        Cli init = Cli.run("ui", "--init", "kaiming");
        assertThat(init.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(init.err).contains("unknown initializer 'kaiming': expected one of zero, tiny, standard, xavier, "
                + "he, lsuv");

        Cli port = Cli.run("ui", "--port", "70000", "--data", tmp.toString());
        assertThat(port.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(port.err).startsWith("error: port must be between 0 and 65535, was 70000");
    }
}
