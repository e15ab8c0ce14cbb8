package org.dl4jinit.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jinit.init.NetworkInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Reads what {@code check} is given, a configuration JSON or a {@code ModelSerializer} zip, without trusting any
 * size in it: every size is checked before anything of that size is read or allocated, so a file that is no
 * model (a 3 GB blob, a zip bomb, a configuration with {@code nOut = 1e8}) ends in a one-line error naming the
 * problem instead of an {@code OutOfMemoryError} or a native {@code std::bad_alloc}.
 *
 * <ul>
 *   <li>A file not starting with the zip signature "PK" must be a configuration JSON of at most
 *       {@value #MAX_JSON_MIB} MiB (a configuration of a thousand layers takes a few MB).</li>
 *   <li>In a zip, {@code configuration.json} is read with the same limit, then every entry is decompressed once
 *       and counted, stopping at its limit: the parameters' size the configuration implies (plus a header) for
 *       {@code coefficients.bin}, {@value #UPDATER_STATE_FACTOR} times that for {@code updaterState.bin}, and
 *       {@value #MAX_JSON_MIB} MiB for any other entry. {@code ModelSerializer} reads every entry of a zip into
 *       the Java heap, so their sum must also fit in what is left of it.</li>
 *   <li>Before the network is built or restored, DL4J's own memory report of the configuration (parameters,
 *       activations, gradients and working memory for one batch) must fit in what ND4J may still allocate
 *       off-heap ({@code -Dorg.bytedeco.javacpp.maxbytes}) and in the free physical memory.</li>
 * </ul>
 */
final class ModelFile {

    /** Largest accepted configuration JSON, and largest accepted zip entry other than parameters, in MiB. */
    static final int MAX_JSON_MIB = 64;
    /** How many times the parameters' size an updater state may take (Adam keeps two values per parameter). */
    static final int UPDATER_STATE_FACTOR = 4;

    private static final long MAX_JSON_BYTES = (long) MAX_JSON_MIB << 20;
    /** Room for the shape header ND4J writes before an array's values. */
    private static final long ARRAY_HEADER_BYTES = 1 << 16;
    /** ModelSerializer reads each entry into one byte array. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    /**
     * A loaded network and the normalizer stored with it, if any.
     *
     * @param model      the initialized network
     * @param normalizer the {@code normalizer.bin} of a {@code ModelSerializer} zip, if it has one
     */
    record Loaded(Model model, Optional<DataNormalization> normalizer) {
    }

    private ModelFile() {
    }

    /**
     * @param file  a model zip or a configuration JSON
     * @param batch the examples the check will run, for the memory estimate
     * @return the initialized network, and its normalizer
     * @throws CliException if the file is not a model this JVM can check, with the reason
     */
    static Loaded load(Path file, int batch) {
        try {
            requirePlausibleSize(file);
            if (isZip(file)) {
                return loadZip(file, batch);
            }
            String json = Files.readString(file, StandardCharsets.UTF_8);
            Object conf = configuration(json, file + "");
            requireMemory(file, conf, batch);
            Model model = conf instanceof ComputationGraphConfiguration
                    ? NetworkInit.init(new ComputationGraph((ComputationGraphConfiguration) conf))
                    : NetworkInit.init(new MultiLayerNetwork((MultiLayerConfiguration) conf));
            return new Loaded(model, Optional.empty());
        } catch (CliException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CliException("check: cannot read " + file + " as a DL4J model or configuration: "
                    + Dl4jInitCli.message(e), e);
        }
    }

    /**
     * Refuses a file that is not a zip and larger than any configuration JSON; reads two bytes.
     *
     * @param file the file given to check
     * @throws CliException if it is too large to be a configuration and is no zip
     */
    static void requirePlausibleSize(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_JSON_BYTES && !isZip(file)) {
                throw new CliException("check: " + file + " is " + bytes(size) + " and not a zip: no model file is "
                        + "that (a configuration JSON is at most " + MAX_JSON_MIB + " MiB; a ModelSerializer zip "
                        + "starts with \"PK\")");
            }
        } catch (IOException e) {
            throw new CliException("check: cannot read " + file + ": " + OutputFolder.reason(e), e);
        }
    }

    private static Loaded loadZip(Path file, int batch) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Object conf = configuration(zip, file);
            long parameterBytes = parameters(conf).count * width(conf);
            long total = 0;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry z = e.nextElement();
                total += decompressedSize(zip, z, file, parameterBytes);
            }
            Runtime rt = Runtime.getRuntime();
            long heap = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            if (total > heap) {
                throw new CliException("check: " + file + "'s entries decompress to " + bytes(total) + ", more than "
                        + "the " + bytes(heap) + " of Java heap left to read them (ModelSerializer reads a zip into "
                        + "memory); raise -Xmx (JAVA_OPTS) to check this model");
            }
            requireMemory(file, conf, batch);
            Model model = conf instanceof ComputationGraphConfiguration
                    ? ModelSerializer.restoreComputationGraph(file.toFile(), false)
                    : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
            return new Loaded(model, normalizer(zip, file));
        } catch (ZipException e) {
            throw notAZip(file, e);
        }
    }

    /**
     * The configuration alone, no network built (for {@code check --static}): a configuration JSON, or a
     * {@code ModelSerializer} zip's {@code configuration.json}, read with the same limits as {@link #load}.
     *
     * @param file a model zip or a configuration JSON
     * @return a MultiLayerConfiguration or a ComputationGraphConfiguration
     * @throws CliException if the file holds no DL4J configuration, with the reason
     */
    static Object configuration(Path file) {
        try {
            requirePlausibleSize(file);
            if (!isZip(file)) {
                return configuration(Files.readString(file, StandardCharsets.UTF_8), file + "");
            }
            try (ZipFile zip = new ZipFile(file.toFile())) {
                return configuration(zip, file);
            } catch (ZipException e) {
                throw notAZip(file, e);
            }
        } catch (CliException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CliException("check: cannot read " + file + " as a DL4J model or configuration: "
                    + Dl4jInitCli.message(e), e);
        }
    }

    /** The configuration in a model zip's {@code configuration.json}, read with its size limit. */
    private static Object configuration(ZipFile zip, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(ModelSerializer.CONFIGURATION_JSON);
        if (entry == null) {
            throw new CliException("check: " + file + " is a zip without " + ModelSerializer.CONFIGURATION_JSON
                    + ": not a model saved by DL4J's ModelSerializer");
        }
        String json = new String(read(zip, entry, MAX_JSON_BYTES, file, "a configuration is at most "
                + MAX_JSON_MIB + " MiB"), StandardCharsets.UTF_8);
        return configuration(json, file + "!" + ModelSerializer.CONFIGURATION_JSON);
    }

    private static CliException notAZip(Path file, ZipException e) {
        return new CliException("check: " + file + " starts like a zip but is not a readable one: "
                + Dl4jInitCli.message(e), e);
    }

    /** The largest size an entry of a model zip can have, given the bytes its parameters take. */
    private static long limit(String entry, long parameterBytes) {
        if (ModelSerializer.COEFFICIENTS_BIN.equals(entry)) {
            return parameterBytes + ARRAY_HEADER_BYTES;
        }
        if (ModelSerializer.UPDATER_BIN.equals(entry)) {
            return UPDATER_STATE_FACTOR * parameterBytes + ARRAY_HEADER_BYTES;
        }
        return MAX_JSON_BYTES;
    }

    /** Decompresses an entry, counting, and stops with an error at its limit. */
    private static long decompressedSize(ZipFile zip, ZipEntry entry, Path file, long parameterBytes)
            throws IOException {
        long limit = Math.min(limit(entry.getName(), parameterBytes), MAX_ARRAY_BYTES);
        String rule = ModelSerializer.COEFFICIENTS_BIN.equals(entry.getName())
                ? "the configuration's parameters take " + bytes(parameterBytes)
                : ModelSerializer.UPDATER_BIN.equals(entry.getName())
                ? "an updater state takes at most " + UPDATER_STATE_FACTOR + " times the parameters' " + bytes(
                        parameterBytes)
                : "an entry other than the parameters is at most " + MAX_JSON_MIB + " MiB";
        long n = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = zip.getInputStream(entry)) {
            for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
                n += r;
                if (n > limit) {
                    throw tooLarge(file, entry, limit, rule);
                }
            }
        }
        return n;
    }

    /** Reads an entry whole, refusing more than {@code limit} bytes. */
    private static byte[] read(ZipFile zip, ZipEntry entry, long limit, Path file, String rule) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(file, entry, limit, rule);
            }
            return bytes;
        }
    }

    private static CliException tooLarge(Path file, ZipEntry entry, long limit, String rule) {
        return new CliException("check: " + file + ": " + entry.getName() + " decompresses to more than "
                + bytes(limit) + ", but " + rule + ": not a model file (a zip bomb?)");
    }

    private static Optional<DataNormalization> normalizer(ZipFile zip, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(ModelSerializer.NORMALIZER_BIN);
        if (entry == null) {
            return Optional.empty();
        }
        Normalizer<?> n;
        try (InputStream in = zip.getInputStream(entry)) {
            n = NormalizerSerializer.getDefault().restore(in);
        } catch (Exception e) {
            throw new CliException("check: " + file + ": its " + ModelSerializer.NORMALIZER_BIN + " cannot be "
                    + "read: " + Dl4jInitCli.message(e), e);
        }
        if (!(n instanceof DataNormalization)) {
            throw new CliException("check: " + file + ": its normalizer is a " + n.getClass().getSimpleName()
                    + ", which normalizes multi-input data sets; check feeds a single input");
        }
        return Optional.of((DataNormalization) n);
    }

    /** A MultiLayerConfiguration or a ComputationGraphConfiguration parsed from JSON. */
    private static Object configuration(String json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new CliException("check: " + source + " is neither a model zip nor JSON: " + Dl4jInitCli.message(e),
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new CliException("check: " + source + " is not a DL4J configuration (not a JSON object)");
        }
        if (root.has("vertices")) {
            return ComputationGraphConfiguration.fromJson(json);
        }
        if (root.has("confs")) {
            return MultiLayerConfiguration.fromJson(json);
        }
        throw new CliException("check: " + source + " is JSON but neither a MultiLayerConfiguration (\"confs\") nor "
                + "a ComputationGraphConfiguration (\"vertices\")");
    }

    /** A parameter count and the layer with the most parameters. */
    private record Parameters(long count, String largest, long largestCount) {
    }

    /** Counts parameters from the configuration, without allocating them. */
    private static Parameters parameters(Object conf) {
        long count = 0;
        String largest = null;
        long largestCount = -1;
        if (conf instanceof MultiLayerConfiguration) {
            MultiLayerConfiguration c = (MultiLayerConfiguration) conf;
            for (int i = 0; i < c.getConfs().size(); i++) {
                NeuralNetConfiguration layer = c.getConf(i);
                long n = layer.getLayer().initializer().numParams(layer);
                String name = "layer " + i + " (\"" + layer.getLayer().getLayerName() + "\", "
                        + layer.getLayer().getClass().getSimpleName() + ")";
                count = add(count, n, name);
                if (n > largestCount) {
                    largest = name;
                    largestCount = n;
                }
            }
        } else {
            ComputationGraphConfiguration c = (ComputationGraphConfiguration) conf;
            for (var v : c.getVertices().entrySet()) {
                GraphVertex vertex = v.getValue();
                long n = vertex.numParams(true);
                String name = "vertex \"" + v.getKey() + "\"" + (vertex instanceof LayerVertex ? " ("
                        + ((LayerVertex) vertex).getLayerConf().getLayer().getClass().getSimpleName() + ")" : "");
                count = add(count, n, name);
                if (n > largestCount) {
                    largest = name;
                    largestCount = n;
                }
            }
        }
        return new Parameters(count, largest, largestCount);
    }

    private static long add(long count, long n, String where) {
        if (n < 0) {
            throw new CliException("check: " + where + " has a parameter count that overflows a long (" + n
                    + "): its sizes are not those of a network");
        }
        try {
            return Math.addExact(count, n);
        } catch (ArithmeticException e) {
            throw new CliException("check: the network's parameter count overflows a long at " + where
                    + ": its sizes are not those of a network");
        }
    }

    private static DataType dataType(Object conf) {
        return conf instanceof ComputationGraphConfiguration ? ((ComputationGraphConfiguration) conf).getDataType()
                : ((MultiLayerConfiguration) conf).getDataType();
    }

    private static long width(Object conf) {
        return dataType(conf).width();
    }

    /**
     * Requires that building the network and running one batch fit in the memory ND4J may still allocate.
     */
    private static void requireMemory(Path file, Object conf, int batch) {
        Parameters p = parameters(conf);
        DataType type = dataType(conf);
        long paramBytes;
        try {
            paramBytes = Math.multiplyExact(p.count, type.width());
        } catch (ArithmeticException e) {
            paramBytes = Long.MAX_VALUE;
        }
        long needed = Math.max(paramBytes, memoryReport(conf, batch, type));
        long offHeap = Pointer.maxBytes() > 0 ? Pointer.maxBytes() - Pointer.totalBytes() : Long.MAX_VALUE;
        long physical = Pointer.availablePhysicalBytes() > 0 ? Pointer.availablePhysicalBytes() : Long.MAX_VALUE;
        long available = Math.min(offHeap, physical);
        if (needed > available) {
            throw new CliException(String.format(Locale.ROOT, "check: %s needs about %s of %s memory for one batch "
                    + "of %d (%,d parameters; the largest, %s, has %,d), but this JVM can allocate %s off-heap "
                    + "(-Dorg.bytedeco.javacpp.maxbytes, free physical memory): not a network that can be checked "
                    + "here", file, bytes(needed), type, batch, p.count, p.largest, p.largestCount,
                    bytes(available)));
        }
    }

    /** DL4J's estimate of the bytes one training batch takes, or 0 if the configuration cannot report it. */
    private static long memoryReport(Object conf, int batch, DataType type) {
        try {
            long[] shape = conf instanceof ComputationGraphConfiguration
                    ? CheckCommand.inputShape((ComputationGraphConfiguration) conf)
                    : CheckCommand.inputShape((MultiLayerConfiguration) conf);
            InputType input = InputType.feedForward(shape[1]);
            return conf instanceof ComputationGraphConfiguration
                    ? ((ComputationGraphConfiguration) conf).getMemoryReport(input)
                            .getTotalMemoryBytes(batch, MemoryUseMode.TRAINING, CacheMode.NONE, type)
                    : ((MultiLayerConfiguration) conf).getMemoryReport(input)
                            .getTotalMemoryBytes(batch, MemoryUseMode.TRAINING, CacheMode.NONE, type);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** @return whether the file starts with the zip signature */
    static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && magic[0] == 'P' && magic[1] == 'K';
        }
    }

    /** A size in words, e.g. "3.0 GiB". */
    static String bytes(long n) {
        if (n < 1L << 20) {
            return String.format(Locale.ROOT, "%,d bytes", n);
        }
        return n < 1L << 30 ? String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20))
                : String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
    }
}
