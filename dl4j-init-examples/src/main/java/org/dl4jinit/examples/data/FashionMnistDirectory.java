package org.dl4jinit.examples.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the directory holding the four Fashion-MNIST files ({@link FashionMnist#FILE_NAMES}). The first of these
 * that is given wins, and is then required to hold all four files (no silent fall-through to the next):
 * <ol>
 *   <li>an explicit directory, e.g. a {@code --data DIR} argument;</li>
 *   <li>the environment variable {@value #ENV_VAR}, if set and not blank;</li>
 *   <li>{@link #DEFAULT_DIRECTORY}, where the Debian package {@code dataset-fashion-mnist} installs them.</li>
 * </ol>
 * The environment is injected as a function so that tests need no global state:
 * {@code new FashionMnistDirectory(Map.of(...)::get, defaultDir)}.
 */
public final class FashionMnistDirectory {

    /** The environment variable naming the data directory. */
    public static final String ENV_VAR = "FASHION_MNIST_DIR";

    /** Where {@code sudo apt-get install dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** Where a resolved directory came from. */
    public enum Source {
        /** Given explicitly, e.g. {@code --data DIR}. */
        ARGUMENT("--data"),
        /** From the environment variable {@value FashionMnistDirectory#ENV_VAR}. */
        ENVIRONMENT(ENV_VAR),
        /** The default directory of the Debian package. */
        DEFAULT("the default directory");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        /** @return how this source is named in messages, e.g. {@code --data} */
        public String description() {
            return description;
        }
    }

    /**
     * A directory that holds the four files.
     *
     * @param directory the directory
     * @param source    where it came from
     */
    public record Resolved(Path directory, Source source) {
        /** Validates the components. */
        public Resolved {
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(source, "source");
        }
    }

    private final Function<String, String> environment;
    private final Path defaultDirectory;

    /**
     * @param environment      looks up an environment variable, returning null when unset (e.g. {@code System::getenv})
     * @param defaultDirectory used when neither an argument nor the environment names a directory
     */
    public FashionMnistDirectory(Function<String, String> environment, Path defaultDirectory) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.defaultDirectory = Objects.requireNonNull(defaultDirectory, "defaultDirectory");
    }

    /** @return a resolver over the process environment and {@link #DEFAULT_DIRECTORY} */
    public static FashionMnistDirectory fromSystemEnvironment() {
        return new FashionMnistDirectory(System::getenv, DEFAULT_DIRECTORY);
    }

    /**
     * Picks the directory (argument, else environment, else default) and checks that it holds the four files.
     *
     * @param explicit a directory given by the user, or empty
     * @return the directory and where it came from
     * @throws FashionMnistDataException if the chosen directory does not exist or lacks a file; the message says
     *                                   how to install the data or point to it
     */
    public Resolved resolve(Optional<Path> explicit) throws FashionMnistDataException {
        Objects.requireNonNull(explicit, "explicit");
        Resolved chosen = choose(explicit);
        Path dir = chosen.directory();
        String where = dir + " (from " + chosen.source().description() + ")";
        if (!Files.isDirectory(dir)) {
            throw new FashionMnistDataException("Fashion-MNIST not found: " + where + " is not a directory. "
                    + howToGetIt());
        }
        List<String> missing = new ArrayList<>();
        for (String name : FashionMnist.FILE_NAMES) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new FashionMnistDataException("Fashion-MNIST incomplete: " + where + " lacks "
                    + String.join(", ", missing) + ". " + howToGetIt());
        }
        return chosen;
    }

    private Resolved choose(Optional<Path> explicit) {
        if (explicit.isPresent()) {
            return new Resolved(explicit.get(), Source.ARGUMENT);
        }
        String fromEnv = environment.apply(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Resolved(Path.of(fromEnv.strip()), Source.ENVIRONMENT);
        }
        return new Resolved(defaultDirectory, Source.DEFAULT);
    }

    /** @return the remedy appended to every "not found" message */
    static String howToGetIt() {
        return "Install it with 'sudo apt-get install dataset-fashion-mnist' (files in " + DEFAULT_DIRECTORY
                + "), or pass --data DIR or set " + ENV_VAR + "=DIR to a directory holding "
                + String.join(", ", FashionMnist.FILE_NAMES) + ".";
    }
}
