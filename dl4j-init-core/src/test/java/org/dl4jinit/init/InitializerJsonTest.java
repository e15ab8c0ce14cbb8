package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * An initializer read from DL4J's JSON is exactly what the file says or an error naming the property: no
 * {@code null} or missing number silently becomes 0, no fraction is truncated to an integer, no unknown property
 * is skipped. The rest of a DL4J configuration keeps DL4J's own policy (unknown properties ignored).
 */
class InitializerJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A two-layer configuration whose second layer uses {@code init}, as DL4J writes it, edited by {@code edit}. */
    private static String json(IWeightInit init, Consumer<ObjectNode> edit) throws Exception {
        String json = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(3).weightInit(init).build())
                .build().toJson();
        JsonNode root = MAPPER.readTree(json);
        edit.accept((ObjectNode) root.get("confs").get(1).get("layer").get("weightInitFn"));
        return MAPPER.writeValueAsString(root);
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static Throwable loadFailure(String json) {
        Throwable thrown = catchThrowable(() -> MultiLayerConfiguration.fromJson(json));
        assertThat(thrown).as("the configuration must not load").isNotNull();
        return thrown;
    }

    static List<InitCase> cases() {
        return InitCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyInitializerRejectsAnUnknownProperty(InitCase c) throws Exception {
        Throwable thrown = loadFailure(json(c.init, w -> w.put("bogus", 1)));

        assertThat(rootCause(thrown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown property 'bogus' for " + c.init.getClass().getSimpleName() + ": ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyInitializerReportsEachNullPropertyAsNullOrMissing(InitCase c) throws Exception {
        ObjectNode written = (ObjectNode) MAPPER.readTree(json(c.init, w -> { })).get("confs").get(1).get("layer")
                .get("weightInitFn");
        List<String> properties = new ArrayList<>();
        written.fieldNames().forEachRemaining(properties::add);
        properties.remove("@class");
        for (String property : properties) {
            Throwable thrown = loadFailure(json(c.init, w -> w.putNull(property)));

            assertThat(rootCause(thrown)).as(property).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(property + " must be ").hasMessageEndingWith(", was null or missing");
        }
    }

    @Test
    void nullStdIsReportedAsNullOrMissingNotAsZero() throws Exception {
        Throwable thrown = loadFailure(json(new NormalInit(0, 0.1), w -> w.putNull("std")));

        assertThat(rootCause(thrown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("std must be a number, was null or missing");
        // Jackson's reference chain names the layer: the second configuration of the list
        assertThat(thrown.getMessage()).contains("[\"confs\"]->java.util.ArrayList[1]");
    }

    @Test
    void missingStdIsReportedAsNullOrMissing() throws Exception {
        Throwable thrown = loadFailure(json(new TruncatedNormalInit(0, 0.1), w -> w.remove("std")));

        assertThat(rootCause(thrown)).hasMessage("std must be a number, was null or missing");
    }

    @Test
    void missingEnumIsReportedAsNullOrMissing() throws Exception {
        Throwable thrown = loadFailure(json(new HeInit(), w -> w.remove("mode")));

        assertThat(rootCause(thrown)).hasMessage("mode must be set, was null or missing");
    }

    @Test
    void fractionalIntegerParameterIsRejectedNotTruncated() throws Exception {
        Throwable thrown = loadFailure(json(new SparseInit(2, 1.0), w -> w.put("nonZeroPerUnit", 2.5)));

        assertThat(rootCause(thrown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nonZeroPerUnit must be an integer (a whole number within the range of int), was 2.5");
    }

    @Test
    void integerParameterBeyondTheRangeOfIntIsRejectedNotSaturated() throws Exception {
        Throwable thrown = loadFailure(json(new SparseInit(2, 1.0), w -> w.put("nonZeroPerUnit", 1e20)));

        assertThat(rootCause(thrown))
                .hasMessage("nonZeroPerUnit must be an integer (a whole number within the range of int), was 1.0E20");
    }

    @Test
    void wholeNumberWrittenAsADecimalIsAnInteger() throws Exception {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(
                json(new SparseInit(2, 1.0), w -> w.put("nonZeroPerUnit", 3.0)));

        assertThat(InitializerContractTest.weightInitOf(conf.getConf(1).getLayer())).isEqualTo(new SparseInit(3, 1.0));
    }

    @Test
    void unknownPropertyOfAnInitializerIsAnErrorListingTheKnownOnes() throws Exception {
        Throwable thrown = loadFailure(json(new NormalInit(0, 0.1), w -> w.put("stdev", 0.5)));

        assertThat(rootCause(thrown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown property 'stdev' for NormalInit: its properties are mean, std");
    }

    @Test
    void unknownPropertyOfAnInitializerWithoutPropertiesIsAnError() throws Exception {
        Throwable thrown = loadFailure(json(new ZeroInit(), w -> w.put("value", 1)));

        assertThat(rootCause(thrown)).hasMessage("unknown property 'value' for ZeroInit: it has no properties");
    }

    @Test
    void unknownPropertyElsewhereInTheConfigurationIsStillIgnoredAsDl4jDoes() throws Exception {
        String json = json(new NormalInit(0, 0.1), w -> { });
        ObjectNode root = (ObjectNode) MAPPER.readTree(json);
        ((ObjectNode) root.get("confs").get(1).get("layer")).put("someFutureDl4jField", true);

        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(MAPPER.writeValueAsString(root));

        assertThat(InitializerContractTest.weightInitOf(conf.getConf(1).getLayer())).isEqualTo(new NormalInit(0, 0.1));
    }

    @Test
    void argumentRulesApplyToJsonAsToTheConstructor() throws Exception {
        Throwable thrown = loadFailure(json(new HeInit(), w -> w.put("negativeSlope", 1e200)));

        assertThat(rootCause(thrown)).hasMessage("negativeSlope must be <= 1.3407807929942596E154 (so that 1 + "
                + "negativeSlope² is a finite double), was 1.0E200");
    }

    @Test
    void computationGraphJsonNamesTheVertex() throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(4).weightInit(new NormalInit(0, 0.1)).build(),
                        "in")
                .addLayer("out", new OutputLayer.Builder().nIn(4).nOut(3).build(), "hidden")
                .setOutputs("out")
                .build();
        ObjectNode root = (ObjectNode) MAPPER.readTree(conf.toJson());
        ((ObjectNode) root.get("vertices").get("hidden").get("layerConf").get("layer").get("weightInitFn"))
                .putNull("mean");

        Throwable thrown = catchThrowable(() -> ComputationGraphConfiguration.fromJson(
                MAPPER.writeValueAsString(root)));

        assertThat(rootCause(thrown)).hasMessage("mean must be a number, was null or missing");
        assertThat(thrown.getMessage()).contains("[\"hidden\"]");
    }
}
