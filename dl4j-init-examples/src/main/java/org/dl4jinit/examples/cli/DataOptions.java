package org.dl4jinit.examples.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.dl4jinit.examples.data.FashionMnist;
import org.dl4jinit.examples.data.FashionMnistData;
import org.dl4jinit.examples.data.FashionMnistDataException;
import org.dl4jinit.examples.data.FashionMnistDirectory;
import picocli.CommandLine.Option;

/** The {@code --data DIR} option shared by the commands that read Fashion-MNIST. */
public final class DataOptions {

    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST IDX .gz files (default: $"
            + FashionMnistDirectory.ENV_VAR + ", else /usr/share/datasets/fashion-mnist)")
    Path data;

    /** The two splits. */
    public record Splits(FashionMnistData train, FashionMnistData test, FashionMnistDirectory.Resolved directory) {
    }

    /**
     * @return the training and test splits
     * @throws FashionMnistDataException if the directory is missing, incomplete or a file is corrupt (the message
     *                                   says how to get the data)
     */
    public Splits load() throws FashionMnistDataException {
        FashionMnistDirectory.Resolved dir = FashionMnistDirectory.fromSystemEnvironment()
                .resolve(Optional.ofNullable(data));
        return new Splits(FashionMnistData.load(dir.directory(), FashionMnist.Split.TRAIN),
                FashionMnistData.load(dir.directory(), FashionMnist.Split.TEST), dir);
    }
}
