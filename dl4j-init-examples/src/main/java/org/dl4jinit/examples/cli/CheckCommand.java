package org.dl4jinit.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
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
 * batch, no update. A network with 784 inputs and 10 outputs gets a Fashion-MNIST batch when the data is there,
 * scaled as the model was trained ({@link CheckInputs}: {@code --inputs}, else the normalizer stored in the zip,
 * else standardized); any other one gets N(0,1) inputs and random one-hot labels. The file is read without trusting
 * its sizes ({@link ModelFile}). Exit code 3 when a condition fails.
 *
 * <p>{@code check --static FILE}: the signal-propagation analysis ({@link SignalPropagation}) of the file's
 * configuration instead: no network is built, no data read, nothing run forward; standardized inputs (variance 1)
 * and a batch of {@code --batch} are assumed, so {@code --inputs} and {@code --synthetic}, which choose the checked
 * batch, are refused with it. Prints the per-layer prediction table; exit code 3 when a condition is predicted to
 * fail.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Pre-flight gradient-health report for a saved DL4J model (.zip) or a configuration (.json).",
            "Exit code: 0 healthy or warnings only, 3 a condition fails."})
public final class CheckCommand implements Callable<Integer>, Preflight {

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

    @Option(names = "--inputs", paramLabel = "SCALING", converter = CheckInputs.Scaling.Converter.class,
            description = {"how the Fashion-MNIST pixels b were scaled in training: standardized ((b/255 - mean) / "
                + "std), unit (b/255) or raw (b). Default: the normalizer stored in the model zip, else "
                + "standardized"})
    CheckInputs.Scaling inputs;

    @Option(names = "--static", description = "predict from the configuration alone (signal propagation): no "
            + "network, no data, no forward pass; inputs assumed standardized")
    boolean staticOnly;

    /** The options, the file's existence and its size are checked before ND4J is loaded. */
    @Override
    public void preflight() {
        if (batch < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--batch must be >= 1 examples, was " + batch);
        }
        if (staticOnly && (inputs != null || synthetic)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--static predicts for standardized "
                    + "inputs from the configuration alone: " + (inputs != null ? "--inputs" : "--synthetic")
                    + " chooses the checked batch and does not apply to it");
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException("check: " + file + " is not a file");
        }
        ModelFile.requirePlausibleSize(file);
    }

    @Override
    public Integer call() throws Exception {
        if (staticOnly) {
            return predict();
        }
        ModelFile.Loaded loaded = ModelFile.load(file, batch);
        Model model = loaded.model();
        long[] shape = inputShape(model);
        long outputs = outputs(model);
        DataSet ds;
        String source;
        Optional<DataOptions.Splits> fashion = !synthetic && shape.length == 2 && shape[1] == 784 && outputs == 10
                ? fashionMnist() : Optional.empty();
        if (fashion.isPresent()) {
            CheckInputs.Choice choice = CheckInputs.choose(inputs, loaded.normalizer(), fashion.get().train());
            ds = fashionBatch(fashion.get().train(), choice);
            source = "a Fashion-MNIST training batch of " + batch + " from " + fashion.get().directory().directory()
                    + "; inputs: " + choice.description();
        } else {
            ds = syntheticBatch(shape, outputs);
            long[] batchShape = shape.clone();
            batchShape[0] = batch;
            source = "a synthetic batch: " + batch + " N(0,1) inputs of shape " + Arrays.toString(batchShape)
                    + ", random one-hot labels of " + outputs + " classes"
                    + loaded.normalizer().map(n -> "; the model's stored " + n.getClass().getSimpleName()
                            + " is not applied to them").orElse("")
                    + (inputs == null ? "" : "; --inputs applies to Fashion-MNIST batches only");
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
        Object conf = ModelFile.configuration(file);
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

    private DataSet fashionBatch(FashionMnistData train, CheckInputs.Choice inputs) {
        DataSet ds = FashionMnistIterator.builder(train).batchSize(batch).scaling(inputs.scaling())
                .shuffle(42).build().next();
        inputs.normalizer().ifPresent(n -> n.preProcess(ds));
        return ds;
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
     * @param model a network
     * @return the shape of one input example with a leading batch dimension of 1
     */
    static long[] inputShape(Model model) {
        if (model instanceof MultiLayerNetwork) {
            return inputShape(((MultiLayerNetwork) model).getLayerWiseConfigurations());
        }
        if (model instanceof ComputationGraph) {
            return inputShape(((ComputationGraph) model).getConfiguration());
        }
        throw new CliException("check: unsupported model type " + model.getClass().getName());
    }

    /**
     * @param conf a network's configuration
     * @return the shape of one input example with a leading batch dimension of 1
     */
    static long[] inputShape(MultiLayerConfiguration conf) {
        InputPreProcessor pre = conf.getInputPreProcess(0);
        if (pre instanceof FeedForwardToCnnPreProcessor) {
            FeedForwardToCnnPreProcessor p = (FeedForwardToCnnPreProcessor) pre;
            return new long[] {1, p.getInputHeight() * p.getInputWidth() * p.getNumChannels()};
        }
        return feedForwardShape(conf.getConf(0).getLayer(), "layer 0");
    }

    /**
     * @param conf a graph's configuration
     * @return the shape of one input example with a leading batch dimension of 1
     */
    static long[] inputShape(ComputationGraphConfiguration conf) {
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
