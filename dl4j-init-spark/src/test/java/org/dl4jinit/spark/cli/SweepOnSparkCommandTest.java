package org.dl4jinit.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dl4jinit.examples.cli.Dl4jInitCli;
import org.dl4jinit.examples.data.FashionMnistDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dl4j-init sweep --spark MASTER} with dl4j-init-spark on the classpath (the command line finds its
 * executor by ServiceLoader): a malformed master is a usage error before any data is read; a small ASHA search on
 * Fashion-MNIST runs on {@code local[2]} (skipped without the data unless {@code DL4JINIT_REQUIRE_DATA=1}).
 */
@Timeout(300)
class SweepOnSparkCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aMalformedMasterIsAUsageErrorNamingItBeforeAnyDataIsRead() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Dl4jInitCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("sweep", "--spark", "local[two]", "--data", tmp.resolve("none").toString());

        assertThat(exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(err.toString().lines().filter(l -> !l.isBlank()).count()).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: --spark: Spark master must be local, local[N], local[*], "
                + "local[N,F], local-cluster[N,C,MB], spark://HOST:PORT, yarn, k8s://URL or mesos://URL, was "
                + "\"local[two]\"");
    }

    @Test
    void aSmallAshaSearchOnFashionMnistRunsOnSparkLocal2() {
        Path data = FashionMnistDirectory.DEFAULT_DIRECTORY;
        if (!"1".equals(System.getenv("DL4JINIT_REQUIRE_DATA"))) {
            Assumptions.assumeTrue(Files.isDirectory(data), data + " absent: apt-get install dataset-fashion-mnist");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Dl4jInitCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("sweep", "--spark", "local[2]", "--scheduler", "asha", "--data", data.toString(),
                        "--train", "1280", "--test", "200", "--width", "16", "--candidates", "4", "--max-budget",
                        "60", "--out", tmp.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .startsWith("asha search, ASHA eta=3, rungs 20/60 iterations, on Spark local[2], concurrency the "
                        + "executors' task slots")
                .contains("candidate 0 at rung 0: ").contains("4 candidates: ").contains("Winner: #");
        assertThat(tmp.resolve("sweep.json")).isNotEmptyFile();
    }
}
