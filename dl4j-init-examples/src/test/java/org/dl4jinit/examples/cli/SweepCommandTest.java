package org.dl4jinit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dl4jinit.examples.data.FashionMnistDirectory;
import org.dl4jinit.examples.sweep.HalvingPlot;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * {@code sweep}'s bad input is one line with a non-zero exit code, before any data is read (the searches
 * themselves are tested in core); and a small ASHA search on the real Fashion-MNIST files end to end (skipped
 * without them unless {@code DL4JINIT_REQUIRE_DATA=1}).
 */
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

    @Test
    void badSchedulesAreOneLineNamingTheValueAndTheRule() {
        Cli eta = Cli.run("sweep", "--scheduler", "asha", "--eta", "1");
        assertThat(eta.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(eta.errLines()).isEqualTo(1);
        assertThat(eta.err).startsWith("error: eta must be >= 2, was 1: each rung promotes the top 1/eta");

        Cli order = Cli.run("sweep", "--scheduler", "asha", "--min-budget", "40", "--max-budget", "30");
        assertThat(order.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(order.err).startsWith("error: maxIterations must be >= minIterations (40), was 30");

        Cli single = Cli.run("sweep", "--scheduler", "asha", "--max-budget", "30");
        assertThat(single.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(single.err).startsWith("error: maxIterations 30 gives a single rung with minIterations 20 and "
                + "eta 3: successive halving needs at least two rungs, maxIterations >= minIterations * sqrt(eta) "
                + "(35)");

        Cli window = Cli.run("sweep", "--scheduler", "asha", "--min-budget", "10");
        assertThat(window.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(window.err).startsWith("error: minIterations must be >= the pruning rule's window K (20), was 10");

        Cli concurrency = Cli.run("sweep", "--concurrency", "0");
        assertThat(concurrency.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(concurrency.err).startsWith("error: concurrency must be >= 1, was 0");

        Cli scheduler = Cli.run("sweep", "--scheduler", "genetic");
        assertThat(scheduler.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(scheduler.errLines()).isEqualTo(1);
        assertThat(scheduler.err).contains("--scheduler must be grid, random or asha, was \"genetic\"");
    }

    @Test
    void smallAshaSearchOnFashionMnistWritesTheReportAndTheHalvingPlot() throws Exception {
        Path data = FashionMnistDirectory.DEFAULT_DIRECTORY;
        if (!"1".equals(System.getenv("DL4JINIT_REQUIRE_DATA"))) {
            Assumptions.assumeTrue(Files.isDirectory(data), data + " absent: apt-get install dataset-fashion-mnist");
        }
        Path out = tmp.resolve("asha");

        Cli r = Cli.run("sweep", "--scheduler", "asha", "--data", data.toString(), "--train", "1280", "--test",
                "200", "--width", "16", "--candidates", "6", "--max-budget", "60", "--concurrency", "2", "--out",
                out.toString());

        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).startsWith("asha search, ASHA eta=3, rungs 20/60 iterations, concurrency 2")
                .contains("candidate 0 at rung 0: ").contains("6 candidates: ").contains("Winner: #")
                .contains(HalvingPlot.PNG);
        for (String f : new String[] {"sweep.csv", "sweep.json", HalvingPlot.PNG}) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        assertThat(json.get("schedule").asText()).isEqualTo("ASHA eta=3, rungs 20/60 iterations");
        assertThat(json.get("results")).hasSize(6);
        assertThat(json.get("completed").asInt()).isPositive();
    }
}
