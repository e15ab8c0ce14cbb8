package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The contract every initializer of the package keeps (see the package documentation): shape and order,
 * in-place fill of DL4J's flat parameter view, moments within statistical tolerance of the paper's formula
 * for dense, conv and LSTM weights under every fan mode, determinism under ND4J's seed, JSON and
 * ModelSerializer round trips with {@code equals}, and value semantics.
 */
class InitializerContractTest {

    private static final long SEED = 12345;

    static List<InitCase> cases() {
        return InitCases.all();
    }

    static Stream<Arguments> casesByGeometry() {
        return cases().stream().flatMap(c -> c.geometries.stream().map(g -> Arguments.of(c, g)));
    }

    /** A row-vector parameter view with an offset into a larger flat array, as DL4J hands out. */
    private static INDArray[] flatParamsWithView(Geometry g) {
        long n = g.length();
        INDArray flat = Nd4j.create(DataType.FLOAT, 1, n + 20);
        flat.assign(-7.0);
        INDArray view = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(10, 10 + n));
        return new INDArray[] {flat, view};
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("casesByGeometry")
    void returnsTheLayerShapeAndOrderAndFillsTheViewInPlace(InitCase c, Geometry g) {
        Nd4j.getRandom().setSeed(SEED);
        INDArray[] fv = flatParamsWithView(g);
        INDArray flat = fv[0];
        INDArray view = fv[1];

        INDArray w = c.init.init(g.fanIn, g.fanOut, g.shape, g.order, view);

        assertThat(w.shape()).containsExactly(g.shape);
        assertThat(w.ordering()).isEqualTo(g.order);
        // the returned array is the view itself, reshaped: same buffer, same values
        assertThat(w.data().address()).isEqualTo(view.data().address());
        assertThat(w.reshape(g.order, 1, g.length()).equals(view.reshape(1, g.length()))).isTrue();
        // the fill stayed inside the view
        assertThat(flat.getDouble(0, 9)).isEqualTo(-7.0);
        assertThat(flat.getDouble(0, 10 + g.length())).isEqualTo(-7.0);
        Moments m = c.expected.apply(g);
        if (!(m.exact && m.mean == -7.0)) {
            assertThat(view.getDouble(0, 0) == -7.0 && view.getDouble(0, g.length() - 1) == -7.0)
                    .as("view was not written").isFalse();
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("casesByGeometry")
    void meanAndVarianceMatchTheFormula(InitCase c, Geometry g) {
        Nd4j.getRandom().setSeed(SEED);
        INDArray view = flatParamsWithView(g)[1];
        INDArray w = c.init.init(g.fanIn, g.fanOut, g.shape, g.order, view).castTo(DataType.DOUBLE);
        Moments m = c.expected.apply(g);

        double n = w.length();
        double mean = w.meanNumber().doubleValue();
        double variance = w.varNumber().doubleValue();
        if (m.exact) {
            assertThat(mean).as("mean").isCloseTo(m.mean, within(1e-6 + 1e-6 * Math.abs(m.mean)));
            assertThat(variance).as("variance").isCloseTo(m.variance, within(1e-6 + 1e-4 * m.variance));
            return;
        }
        // six standard errors: a false alarm about once in 10^9 runs
        double meanTolerance = 6 * Math.sqrt(m.variance / n);
        double varianceTolerance = 6 * m.variance * Math.sqrt((m.kurtosis - 1) / n);
        assertThat(mean).as("mean of %s on %s, expected %s", c, g, m).isCloseTo(m.mean, within(meanTolerance));
        assertThat(variance).as("variance of %s on %s, expected %s", c, g, m)
                .isCloseTo(m.variance, within(varianceTolerance));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameSeedSameWeightsOtherSeedOtherWeights(InitCase c) {
        Geometry g = c.geometries.iterator().next();
        Nd4j.getRandom().setSeed(SEED);
        INDArray a = c.init.init(g.fanIn, g.fanOut, g.shape, g.order, flatParamsWithView(g)[1]).dup();
        Nd4j.getRandom().setSeed(SEED);
        INDArray b = c.init.init(g.fanIn, g.fanOut, g.shape, g.order, flatParamsWithView(g)[1]).dup();
        assertThat(a).isEqualTo(b);

        Nd4j.getRandom().setSeed(SEED + 1);
        INDArray other = c.init.init(g.fanIn, g.fanOut, g.shape, g.order, flatParamsWithView(g)[1]).dup();
        if (!c.expected.apply(g).exact) {
            assertThat(other).isNotEqualTo(a);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTripsThroughMultiLayerConfigurationJson(InitCase c) {
        MultiLayerConfiguration conf = network(c);
        String json = conf.toJson();
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(json);

        assertThat(restored).isEqualTo(conf);
        assertThat(weightInitOf(restored.getConf(0).getLayer())).isEqualTo(c.init);
        assertThat(restored.toJson()).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTripsThroughComputationGraphConfigurationJson(InitCase c) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(SEED)
                .graphBuilder()
                .addInputs("in")
                .addLayer("hidden", hiddenLayer(c), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(3).build(), "hidden")
                .setOutputs("out")
                .setInputTypes(inputType(c))
                .build();
        ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(conf.toJson());

        assertThat(restored).isEqualTo(conf);
        assertThat(weightInitOf(restored.getVertices().get("hidden") instanceof
                org.deeplearning4j.nn.conf.graph.LayerVertex
                        ? ((org.deeplearning4j.nn.conf.graph.LayerVertex) restored.getVertices().get("hidden"))
                                .getLayerConf().getLayer()
                        : null)).isEqualTo(c.init);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTripsThroughModelSerializer(InitCase c, @TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(network(c));
        net.init();
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, file, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertThat(restored.getLayerWiseConfigurations()).isEqualTo(net.getLayerWiseConfigurations());
        assertThat(weightInitOf(restored.getLayerWiseConfigurations().getConf(0).getLayer())).isEqualTo(c.init);
        assertThat(restored.params()).isEqualTo(net.params());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void networkSeedReproducesTheWeights(InitCase c) {
        MultiLayerNetwork a = new MultiLayerNetwork(network(c));
        a.init();
        MultiLayerNetwork b = new MultiLayerNetwork(network(c));
        b.init();
        assertThat(a.getLayer(0).getParam("W")).isEqualTo(b.getLayer(0).getParam("W"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueSemantics(InitCase c) {
        IWeightInit copy = MultiLayerConfiguration.fromJson(network(c).toJson()).getConf(0).getLayer() instanceof BaseLayer
                ? weightInitOf(MultiLayerConfiguration.fromJson(network(c).toJson()).getConf(0).getLayer())
                : null;
        assertThat(copy).isNotSameAs(c.init).isEqualTo(c.init).hasSameHashCodeAs(c.init);
        assertThat(c.init).isNotEqualTo(c.different).isNotEqualTo(null);
        assertThat(c.init.toString()).startsWith(c.init.getClass().getSimpleName() + "(");
    }

    // --- helpers ------------------------------------------------------------------------------------------

    static MultiLayerConfiguration network(InitCase c) {
        return new NeuralNetConfiguration.Builder().seed(SEED)
                .list()
                .layer(hiddenLayer(c))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(3).build())
                .setInputType(inputType(c))
                .build();
    }

    private static Layer hiddenLayer(InitCase c) {
        if (c.convOnly()) {
            return new ConvolutionLayer.Builder(3, 3).nOut(8).convolutionMode(
                    org.deeplearning4j.nn.conf.ConvolutionMode.Same).activation(Activation.RELU)
                    .weightInit(c.init).build();
        }
        int nOut = c.squareOnly() ? 16 : 12;
        return new DenseLayer.Builder().nOut(nOut).activation(Activation.TANH).weightInit(c.init).build();
    }

    private static InputType inputType(InitCase c) {
        return c.convOnly() ? InputType.convolutional(6, 6, 8) : InputType.feedForward(16);
    }

    static IWeightInit weightInitOf(Layer layer) {
        return ((BaseLayer) layer).getWeightInitFn();
    }
}
