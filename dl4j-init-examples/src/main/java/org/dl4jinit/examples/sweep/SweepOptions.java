package org.dl4jinit.examples.sweep;

import java.nio.file.Path;
import java.util.Optional;
import org.dl4jinit.sweep.PruningRule;

/**
 * Options of {@link FashionMnistSweep#run(SweepOptions)}: where the data and the outputs are, how much of
 * Fashion-MNIST each candidate trains on, the network width, and the pruning rule. Immutable; start from
 * {@link #defaults()} and change with the {@code with...} methods, each of which validates its argument.
 *
 * @param dataDir       Fashion-MNIST directory; empty: {@code $FASHION_MNIST_DIR} or the Debian package's
 * @param outDir        where sweep.csv, sweep.json and the PNG plots go; null: write nothing
 * @param trainExamples training examples per candidate (one epoch), 1..60000
 * @param testExamples  test examples the score (average test loss) is computed on, 1..10000
 * @param batchSize     minibatch size
 * @param width         hidden layer width
 * @param pruning       the pruning rule, or null for no pruning
 * @param seed          network and shuffling seed
 */
public record SweepOptions(Optional<Path> dataDir, Path outDir, int trainExamples, int testExamples, int batchSize,
        int width, PruningRule pruning, long seed) {

    /** Validates every component. */
    public SweepOptions {
        if (dataDir == null) {
            throw new IllegalArgumentException("dataDir must not be null (use Optional.empty())");
        }
        check("trainExamples", trainExamples, 1, 60_000);
        check("testExamples", testExamples, 1, 10_000);
        check("batchSize", batchSize, 1, 60_000);
        check("width", width, 1, 1 << 16);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /**
     * @return 9600 training examples per candidate (150 iterations of 64), 2000 test examples, width 128, pruning
     *         N = 3 within K = 20, seed 42, outputs under target/sweep
     */
    public static SweepOptions defaults() {
        return new SweepOptions(Optional.empty(), Path.of("target", "sweep"), 9600, 2000, 64, 128,
                PruningRule.defaults(), 42L);
    }

    /** @return these options with another data directory */
    public SweepOptions withDataDir(Path dir) {
        return new SweepOptions(Optional.of(dir), outDir, trainExamples, testExamples, batchSize, width, pruning,
                seed);
    }

    /** @return these options with another output directory (null: write nothing) */
    public SweepOptions withOutDir(Path dir) {
        return new SweepOptions(dataDir, dir, trainExamples, testExamples, batchSize, width, pruning, seed);
    }

    /** @return these options with another number of training examples per candidate */
    public SweepOptions withTrainExamples(int n) {
        return new SweepOptions(dataDir, outDir, n, testExamples, batchSize, width, pruning, seed);
    }

    /** @return these options with another number of test examples */
    public SweepOptions withTestExamples(int n) {
        return new SweepOptions(dataDir, outDir, trainExamples, n, batchSize, width, pruning, seed);
    }

    /** @return these options with another hidden width */
    public SweepOptions withWidth(int w) {
        return new SweepOptions(dataDir, outDir, trainExamples, testExamples, batchSize, w, pruning, seed);
    }

    /** @return these options with another pruning rule (null: no pruning) */
    public SweepOptions withPruning(PruningRule rule) {
        return new SweepOptions(dataDir, outDir, trainExamples, testExamples, batchSize, width, rule, seed);
    }

    /** @return these options with another seed */
    public SweepOptions withSeed(long s) {
        return new SweepOptions(dataDir, outDir, trainExamples, testExamples, batchSize, width, pruning, s);
    }
}
