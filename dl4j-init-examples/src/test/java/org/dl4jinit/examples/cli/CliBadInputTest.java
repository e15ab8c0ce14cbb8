package org.dl4jinit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.dl4jinit.examples.data.FashionMnist;
import org.dl4jinit.examples.study.StudyInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line on stderr and an exit code other than 0; a stack trace only with --verbose. */
class CliBadInputTest {

    @TempDir
    Path tmp;

    @Test
    void missingDataDirectoryIsOneLineThatSaysHowToGetTheData() {
        Path missing = tmp.resolve("nowhere");
        Cli r = Cli.run("study", "--quick", "--data", missing.toString(), "--out", tmp.resolve("r").toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err).startsWith("error: Fashion-MNIST not found: " + missing + " (from --data) is "
                + "not a directory. Install it with 'sudo apt-get install dataset-fashion-mnist'")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    @Test
    void corruptIdxFileIsOneLineNamingTheFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("corrupt"));
        for (String name : FashionMnist.FILE_NAMES) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
                out.write(new byte[] {0, 0, 9, 9, 0, 0, 0, 1});
            }
        }
        Cli r = Cli.run("study", "--quick", "--data", dir.toString(), "--out", tmp.resolve("r").toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err).startsWith("error: " + dir.resolve("train-images-idx3-ubyte.gz") + ": magic number 2313, "
                + "expected 2051").doesNotContain("\tat ");
    }

    @Test
    void fileThatIsNotGzipIsOneLine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("notgz"));
        for (String name : FashionMnist.FILE_NAMES) {
            Files.writeString(dir.resolve(name), "not a gzip file");
        }
        Cli r = Cli.run("study", "--data", dir.toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err).startsWith("error: ").contains("train-images-idx3-ubyte.gz").doesNotContain("\tat ");
    }

    @Test
    void emptyGzipDataFileNamesTheFileAndTheProblem() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        for (String name : FashionMnist.FILE_NAMES) {
            Files.createFile(dir.resolve(name));
        }
        Cli r = Cli.run("study", "--data", dir.toString(), "--out", tmp.resolve("r").toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(r.err).isEqualTo("error: " + dir.resolve("train-images-idx3-ubyte.gz") + ": the file is empty (0 "
                + "bytes), expected gzip-compressed IDX data" + System.lineSeparator());
    }

    @Test
    void outThatIsAnExistingFileIsAUsageErrorNamingThePathBeforeAnyWork() throws Exception {
        Path file = Files.writeString(tmp.resolve("report.txt"), "keep me");
        // the data folder does not exist either: the --out error comes first, before anything is loaded
        Cli r = Cli.run("study", "--data", tmp.resolve("nowhere").toString(), "--out", file.toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(r.err).isEqualTo("error: --out " + file + " is a file, not a folder (see 'dl4j-init study "
                + "--help')" + System.lineSeparator());
        assertThat(file).hasContent("keep me");
    }

    @Test
    void emptyOutIsAUsageError() {
        Cli r = Cli.run("study", "--out", "");

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(r.err).startsWith("error: --out must name a folder, was \"\" (see 'dl4j-init study --help')");
    }

    @Test
    void outThatCannotBeCreatedIsAUsageErrorWithTheReason() {
        Path proc = Path.of("/proc/dl4j-init-test/report");
        Cli r = Cli.run("study", "--data", tmp.resolve("nowhere").toString(), "--out", proc.toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err).startsWith("error: --out " + proc + " cannot be created: ");
    }

    @Test
    void outInsideAFileIsAUsageErrorNamingTheFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        Cli r = Cli.run("sweep", "--data", tmp.resolve("nowhere").toString(), "--out",
                file.resolve("sub").toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(r.err).startsWith("error: --out " + file.resolve("sub") + " cannot be created: " + file
                + " is a file, not a folder");
    }

    @Test
    void outFoldersCreatedByTheCheckAreRemovedWhenTheRunFailsLater() {
        Path out = tmp.resolve("a/b/report");
        Cli r = Cli.run("study", "--data", tmp.resolve("nowhere").toString(), "--out", out.toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(tmp.resolve("a")).doesNotExist();
    }

    @Test
    void unknownInitializerIsAUsageErrorListingTheNames() {
        Cli r = Cli.run("study", "--inits", "he,kaiming");

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err).contains("unknown initializer 'kaiming': expected one of zero, tiny, standard, xavier, "
                + "he, lsuv").contains("see 'dl4j-init study --help'");
    }

    @Test
    void helpListsTheSameInitializerNamesAsTheParser() {
        assertThat(StudyCommand.INIT_NAMES).isEqualTo(StudyInit.names());
        assertThat(Cli.run("study", "--help").out.replaceAll("\\s+", " ")).contains(StudyInit.names());
    }

    @Test
    void unknownOptionAndCommandAreUsageErrors() {
        assertThat(Cli.run("study", "--fast").exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        Cli r = Cli.run("train");
        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(r.errLines()).isEqualTo(1);
    }

    @Test
    void verbosePrintsTheStackTrace() {
        Cli r = Cli.run("--verbose", "study", "--data", tmp.resolve("nowhere").toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(r.err).startsWith("error: Fashion-MNIST not found").contains("FashionMnistDataException")
                .contains("\tat ");
    }

    @Test
    void verboseAfterTheSubcommandWorksToo() {
        Cli r = Cli.run("study", "--verbose", "--data", tmp.resolve("nowhere").toString());

        assertThat(r.err).contains("\tat ");
    }

    @Test
    void threadsBelowOneIsAUsageError() {
        Cli r = Cli.run("study", "--threads", "0", "--data", tmp.toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err).startsWith("error: --threads must be >= 1, was 0");
    }

    @Test
    void badIterationsIsOneLineNamingTheRule() {
        Cli r = Cli.run("study", "--iterations", "0", "--data", tmp.toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err).contains("iterations must be >= 1, was 0");
    }
}
