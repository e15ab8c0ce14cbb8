package org.dl4jinit.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jinit.examples.data.FashionMnistData;
import org.dl4jinit.examples.data.FashionMnistDataException;
import org.dl4jinit.examples.data.FashionMnistIterator;
import org.dl4jinit.examples.data.PixelScaling;
import org.dl4jinit.health.GradientHealth;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.propagation.PropagationOptions;
import org.dl4jinit.propagation.PropagationReport;
import org.dl4jinit.propagation.SignalPropagation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dl4j-init check FILE}: a pre-flight health report ({@link GradientHealth#check}) for a saved DL4J model
 * ({@code ModelSerializer} zip) or a configuration JSON ({@code MultiLayerConfiguration} or
 * {@code ComputationGraphConfiguration}, initialized with its own seed). One forward and backward pass on one
 * batch, no update. A network with 784 inputs and 10 outputs gets a standardized Fashion-MNIST batch when the data
 * is there; any other one gets N(0,1) inputs and random one-hot labels. Exit code 3 when a condition fails.
 *
 * <p>{@code check --static FILE}: the signal-propagation analysis ({@link SignalPropagation}) of the file's
 * configuration instead: no network is built, no data read, nothing run forward; standardized inputs (variance 1)
 * and a batch of {@code --batch} are assumed. Prints the per-layer prediction table; exit code 3 when a condition
 * is predicted to fail.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Pre-flight gradient-health report for a saved DL4J model (.zip) or a configuration (.json).",
            "Exit code: 0 healthy or warnings only, 3 a condition fails."})
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Parameters(index = "0", paramLabel = "FILE", description = "a ModelSerializer .zip or a configuration .json")
    Path file;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128",
            description = "examples in the checked batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--synthetic", description = "use N(0,1) inputs and random labels even for 784→10 networks")
    boolean synthetic;

    @Option(names = "--static", description = "predict from the configuration alone (signal propagation): no "
            + "network, no data, no forward pass; inputs assumed standardized")
    boolean staticOnly;

    @Override
    public Integer call() throws Exception {
        if (batch < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--batch must be >= 1 examples, was " + batch);
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException("check: " + file + " is not a file");
        }
        if (staticOnly) {
            return predict();
        }
        Model model = load(file);
        long[] shape = inputShape(model);
        long outputs = outputs(model);
        DataSet ds;
        String source;
        Optional<DataOptions.Splits> fashion = !synthetic && shape.length == 2 && shape[1] == 784 && outputs == 10
                ? fashionMnist() : Optional.empty();
        if (fashion.isPresent()) {
            ds = fashionBatch(fashion.get().train());
            source = "a standardized Fashion-MNIST training batch of " + batch + " from "
                    + fashion.get().directory().directory();
        } else {
            ds = syntheticBatch(shape, outputs);
            long[] batchShape = shape.clone();
            batchShape[0] = batch;
            source = "a synthetic batch: " + batch + " N(0,1) inputs of shape " + Arrays.toString(batchShape)
                    + ", random one-hot labels of " + outputs + " classes";
        }
        HealthReport report = GradientHealth.check(model, ds);
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %s, %d parameters; checked on %s%n", file, model.getClass().getSimpleName(),
                model.numParams(), source);
        out.print(report.toTable());
        out.printf(Locale.ROOT, "Verdict: %s%n", report.verdict());
        out.flush();
        return report.verdict() == Verdict.FAILING ? Dl4jInitCli.EXIT_UNHEALTHY : 0;
    }

    /** {@code --static}: the signal-propagation table of the file's configuration. */
    private int predict() {
        PropagationOptions options = PropagationOptions.builder().inputVariance(1).batchSize(batch).build();
        Object conf = configuration(file);
        PropagationReport report = conf instanceof ComputationGraphConfiguration
                ? SignalPropagation.analyze((ComputationGraphConfiguration) conf, options)
                : SignalPropagation.analyze((MultiLayerConfiguration) conf, options);
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %s, predicted from the configuration alone%n", file,
                conf instanceof ComputationGraphConfiguration ? "ComputationGraphConfiguration"
                        : "MultiLayerConfiguration");
        out.print(report.toTable());
        out.printf(Locale.ROOT, "Predicted verdict: %s%n", report.verdict());
        out.flush();
        return report.verdict() == Verdict.FAILING ? Dl4jInitCli.EXIT_UNHEALTHY : 0;
    }

    /**
     * @param file a model zip or a configuration JSON
     * @return its configuration (a MultiLayerConfiguration or ComputationGraphConfiguration), no network built
     */
    static Object configuration(Path file) {
        try {
            String json = configurationJson(file);
            return isGraph(json, file) ? ComputationGraphConfiguration.fromJson(json)
                    : MultiLayerConfiguration.fromJson(json);
        } catch (CliException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CliException("check: cannot read " + file + " as a DL4J model or configuration: "
                    + Dl4jInitCli.message(e), e);
        }
    }

    /** The configuration JSON of a configuration file or of a ModelSerializer zip ({@code configuration.json}). */
    private static String configurationJson(Path file) throws IOException {
        if (!isZip(file)) {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry("configuration.json");
            if (e == null) {
                throw new CliException("check: " + file + " is a zip without configuration.json: not a "
                        + "model saved by DL4J's ModelSerializer");
            }
            try (InputStream in = zip.getInputStream(e)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * @return Fashion-MNIST if it is there; if {@code --data} names a folder that is missing or corrupt, that is an
     *         error, not a reason to fall back to synthetic data
     */
    private Optional<DataOptions.Splits> fashionMnist() {
        try {
            return Optional.of(data.load());
        } catch (FashionMnistDataException e) {
            if (data.data != null) {
                throw new CliException(Dl4jInitCli.message(e), e);
            }
            return Optional.empty();
        }
    }

    private DataSet fashionBatch(FashionMnistData train) {
        return FashionMnistIterator.builder(train).batchSize(batch).scaling(PixelScaling.standardize(train))
                .shuffle(42).build().next();
    }

    private DataSet syntheticBatch(long[] shape, long outputs) {
        long[] s = shape.clone();
        s[0] = batch;
        Random r = new Random(42);
        float[] x = new float[Math.toIntExact(Arrays.stream(s).reduce(1, (a, b) -> a * b))];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, outputs);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, r.nextInt((int) outputs), 1f);
        }
        return new DataSet(Nd4j.create(x, s), y);
    }

    /**
     * @param file a model zip or a configuration JSON
     * @return the initialized network
     */
    static Model load(Path file) {
        try {
            String json = configurationJson(file);
            if (isZip(file)) {
                return isGraph(json, file) ? ModelSerializer.restoreComputationGraph(file.toFile(), false)
                        : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
            }
            if (isGraph(json, file)) {
                ComputationGraph g = new ComputationGraph(ComputationGraphConfiguration.fromJson(json));
                g.init();
                return g;
            }
            MultiLayerNetwork n = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
            n.init();
            return n;
        } catch (CliException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CliException("check: cannot read " + file + " as a DL4J model or configuration: "
                    + Dl4jInitCli.message(e), e);
        }
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && magic[0] == 'P' && magic[1] == 'K';
        }
    }

    private static boolean isGraph(String json, Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new CliException("check: " + file + " is neither a model zip nor JSON: " + Dl4jInitCli.message(e),
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new CliException("check: " + file + " is not a DL4J configuration (not a JSON object)");
        }
        if (root.has("vertices")) {
            return true;
        }
        if (root.has("confs")) {
            return false;
        }
        throw new CliException("check: " + file + " is JSON but neither a MultiLayerConfiguration (\"confs\") nor a "
                + "ComputationGraphConfiguration (\"vertices\")");
    }

    /**
     * @param model a network
     * @return the shape of one input example with a leading batch dimension of 1
     */
    static long[] inputShape(Model model) {
        if (model instanceof MultiLayerNetwork) {
            MultiLayerConfiguration conf = ((MultiLayerNetwork) model).getLayerWiseConfigurations();
            InputPreProcessor pre = conf.getInputPreProcess(0);
            if (pre instanceof FeedForwardToCnnPreProcessor) {
                FeedForwardToCnnPreProcessor p = (FeedForwardToCnnPreProcessor) pre;
                return new long[] {1, p.getInputHeight() * p.getInputWidth() * p.getNumChannels()};
            }
            return feedForwardShape(conf.getConf(0).getLayer(), "layer 0");
        }
        if (model instanceof ComputationGraph) {
            ComputationGraph g = (ComputationGraph) model;
            ComputationGraphConfiguration conf = g.getConfiguration();
            if (conf.getNetworkInputs().size() != 1) {
                throw new CliException("check: graphs with " + conf.getNetworkInputs().size() + " inputs are not "
                        + "supported, only graphs with one input");
            }
            String input = conf.getNetworkInputs().get(0);
            for (var e : conf.getVertexInputs().entrySet()) {
                if (e.getValue().contains(input) && conf.getVertices().get(e.getKey())
                        instanceof LayerVertex) {
                    LayerVertex v = (LayerVertex)
                            conf.getVertices().get(e.getKey());
                    if (v.getPreProcessor() instanceof FeedForwardToCnnPreProcessor) {
                        FeedForwardToCnnPreProcessor p = (FeedForwardToCnnPreProcessor) v.getPreProcessor();
                        return new long[] {1, p.getInputHeight() * p.getInputWidth() * p.getNumChannels()};
                    }
                    return feedForwardShape(v.getLayerConf().getLayer(), "vertex \"" + e.getKey() + "\"");
                }
            }
            throw new CliException("check: cannot infer the input shape: input \"" + input + "\" feeds no layer");
        }
        throw new CliException("check: unsupported model type " + model.getClass().getName());
    }

    private static long[] feedForwardShape(Layer layer, String where) {
        if (layer instanceof FeedForwardLayer && !(layer instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer)
                && !(layer instanceof org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer)) {
            return new long[] {1, ((FeedForwardLayer) layer).getNIn()};
        }
        throw new CliException("check: cannot infer the input shape from " + where + " (" + layer.getClass()
                .getSimpleName() + "): only feed-forward inputs, or convolutions fed through "
                + "InputType.convolutionalFlat, are supported");
    }

    private static long outputs(Model model) {
        Layer last;
        if (model instanceof MultiLayerNetwork) {
            MultiLayerNetwork n = (MultiLayerNetwork) model;
            last = n.getLayerWiseConfigurations().getConf(n.getnLayers() - 1).getLayer();
        } else {
            ComputationGraph g = (ComputationGraph) model;
            String out = g.getConfiguration().getNetworkOutputs().get(0);
            GraphVertex v = g.getConfiguration().getVertices().get(out);
            if (!(v instanceof LayerVertex)) {
                throw new CliException("check: the graph's output \"" + out + "\" is a " + v.getClass().getSimpleName()
                        + ", not a layer: cannot tell the number of classes");
            }
            last = ((LayerVertex) v).getLayerConf().getLayer();
        }
        if (last instanceof FeedForwardLayer) {
            return ((FeedForwardLayer) last).getNOut();
        }
        throw new CliException("check: the output layer " + last.getClass().getSimpleName() + " has no nOut");
    }
}
