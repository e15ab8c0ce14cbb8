package org.dl4jinit.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistDirectoryTest {

    private static final String REMEDY = "Install it with 'sudo apt-get install dataset-fashion-mnist' (files in"
            + " /usr/share/datasets/fashion-mnist), or pass --data DIR or set FASHION_MNIST_DIR=DIR to a directory"
            + " holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz,"
            + " t10k-labels-idx1-ubyte.gz.";

    @TempDir
    Path root;

    private Path argDir;
    private Path envDir;
    private Path defaultDir;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void writeThreeCompleteDirectories() throws IOException {
        argDir = complete(root.resolve("arg"));
        envDir = complete(root.resolve("env"));
        defaultDir = complete(root.resolve("default"));
    }

    private static Path complete(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : FashionMnist.FILE_NAMES) {
            Files.write(dir.resolve(name), new byte[0]);
        }
        return dir;
    }

    private FashionMnistDirectory resolver() {
        return new FashionMnistDirectory(env::get, defaultDir);
    }

    @Test
    void argumentWinsOverEnvironmentAndDefault() throws IOException {
        env.put("FASHION_MNIST_DIR", envDir.toString());

        assertThat(resolver().resolve(Optional.of(argDir)))
                .isEqualTo(new FashionMnistDirectory.Resolved(argDir, FashionMnistDirectory.Source.ARGUMENT));
    }

    @Test
    void environmentWinsOverDefault() throws IOException {
        env.put("FASHION_MNIST_DIR", envDir.toString());

        assertThat(resolver().resolve(Optional.empty()))
                .isEqualTo(new FashionMnistDirectory.Resolved(envDir, FashionMnistDirectory.Source.ENVIRONMENT));
    }

    @Test
    void defaultIsUsedWhenEnvironmentIsUnsetOrBlank() throws IOException {
        assertThat(resolver().resolve(Optional.empty()))
                .isEqualTo(new FashionMnistDirectory.Resolved(defaultDir, FashionMnistDirectory.Source.DEFAULT));

        env.put("FASHION_MNIST_DIR", "  ");
        assertThat(resolver().resolve(Optional.empty()).source()).isEqualTo(FashionMnistDirectory.Source.DEFAULT);
    }

    @Test
    void missingDefaultDirectorySaysHowToGetTheData() {
        Path absent = root.resolve("absent");
        FashionMnistDirectory resolver = new FashionMnistDirectory(env::get, absent);

        assertThatThrownBy(() -> resolver.resolve(Optional.empty()))
                .isInstanceOf(FashionMnistDataException.class)
                .hasMessage("Fashion-MNIST not found: " + absent + " (from the default directory) is not a directory. "
                        + REMEDY);
    }

    @Test
    void missingArgumentDirectoryDoesNotFallBackToTheEnvironment() {
        env.put("FASHION_MNIST_DIR", envDir.toString());
        Path absent = root.resolve("typo");

        assertThatThrownBy(() -> resolver().resolve(Optional.of(absent)))
                .hasMessage("Fashion-MNIST not found: " + absent + " (from --data) is not a directory. " + REMEDY);
    }

    @Test
    void missingEnvironmentDirectoryNamesTheVariable() {
        Path absent = root.resolve("nowhere");
        env.put("FASHION_MNIST_DIR", absent.toString());

        assertThatThrownBy(() -> resolver().resolve(Optional.empty()))
                .hasMessage("Fashion-MNIST not found: " + absent + " (from FASHION_MNIST_DIR) is not a directory. "
                        + REMEDY);
    }

    @Test
    void incompleteDirectoryListsTheMissingFiles() throws IOException {
        Files.delete(argDir.resolve("t10k-labels-idx1-ubyte.gz"));
        Files.delete(argDir.resolve("train-images-idx3-ubyte.gz"));

        assertThatThrownBy(() -> resolver().resolve(Optional.of(argDir)))
                .hasMessage("Fashion-MNIST incomplete: " + argDir + " (from --data) lacks train-images-idx3-ubyte.gz,"
                        + " t10k-labels-idx1-ubyte.gz. " + REMEDY);
    }

    @Test
    void systemResolverUsesTheDebianPackageDirectory() {
        assertThat(FashionMnistDirectory.DEFAULT_DIRECTORY).isEqualTo(Path.of("/usr/share/datasets/fashion-mnist"));
        assertThat(FashionMnistDirectory.ENV_VAR).isEqualTo("FASHION_MNIST_DIR");
    }
}
