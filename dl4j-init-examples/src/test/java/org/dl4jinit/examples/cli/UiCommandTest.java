package org.dl4jinit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Cli r;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            r = Cli.run("ui", "--port", "0", "--init", "zero", "--limit", "512", "--exit");
        } finally {
            System.setOut(saved);
        }
        String out = captured.toString(StandardCharsets.UTF_8);

        assertThat(r.exit).as(r.err).isZero();
        assertThat(out).containsPattern("Gradient Health page: http://localhost:\\d+/health\\?session=fashion-mnist-"
                + "zero-init-").contains("listens on all network interfaces")
                .contains("Training done: 4 iterations, last verdict FAILING");
    }

    @Test
    void badInitAndPortAreOneLine() {
        Cli init = Cli.run("ui", "--init", "xavier");
        assertThat(init.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(init.err).startsWith("error: --init must be he or zero, was 'xavier'");

        Cli port = Cli.run("ui", "--port", "70000", "--data", tmp.toString());
        assertThat(port.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(port.err).isEqualTo("error: port must be between 0 and 65535, was 70000" + System.lineSeparator());
    }
}
