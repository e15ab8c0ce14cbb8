package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.init.ActivationGain;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.NormalInit;
import org.dl4jinit.init.SmallRandomInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The diagnosis names the real cause, one network per row: the headline finding's condition and cause, and the
 * key phrase of its remedy — and never advice that does not follow from the cause (zero weights told to scale
 * down, a learning-rate blow-up blamed on the initializer, the initializer in use recommended again).
 */
class DiagnosisTableTest {

    private static final DataSet BATCH = Nets.data(64, 11);

    /** A row: the network, what to do to it before training, and what the headline must say. */
    private static Arguments row(String name, Supplier<MultiLayerNetwork> net, Consumer<MultiLayerNetwork> before,
            int iterations, HealthCondition condition, Diagnosis.Cause cause, String remedy) {
        return Arguments.of(name, net, before, iterations, condition, cause, remedy);
    }

    private static MultiLayerNetwork mlp(int depth, int width, Activation act, IWeightInit init, IUpdater updater,
            double bias) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(12).updater(updater)
                .weightInit(init).list();
        for (int i = 0; i < depth; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? Nets.INPUTS : width).nOut(width).activation(act)
                    .biasInit(bias).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(width).nOut(Nets.CLASSES)
                .activation(Activation.SOFTMAX).build());
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static final Consumer<MultiLayerNetwork> NOTHING = n -> { };

    static Stream<Arguments> rows() {
        return Stream.of(
                row("zero init, ReLU", () -> mlp(3, 64, Activation.RELU, new ZeroInit(), Nets.sgd(), 0), NOTHING, 1,
                        HealthCondition.SYMMETRY, Diagnosis.Cause.ZERO_WEIGHTS,
                        "initialize the weights with a random initializer: HeInit for relu"),
                row("zero init, tanh", () -> mlp(3, 64, Activation.TANH, new ZeroInit(), Nets.sgd(), 0), NOTHING, 1,
                        HealthCondition.SYMMETRY, Diagnosis.Cause.ZERO_WEIGHTS,
                        "initialize the weights with a random initializer: XavierInit with gain 5/3"),
                row("N(0,1)·0.001, 10 tanh layers", () -> mlp(10, 256, Activation.TANH, new SmallRandomInit(),
                        Nets.sgd(), 0), NOTHING, 1, HealthCondition.SCALE_COLLAPSE,
                        Diagnosis.Cause.WEIGHTS_TOO_SMALL, "use XavierInit with gain 5/3"),
                row("N(0,5), sigmoid", () -> mlp(3, 256, Activation.SIGMOID, new NormalInit(0, 5), Nets.sgd(), 0),
                        NOTHING, 1, HealthCondition.SATURATION, Diagnosis.Cause.WEIGHTS_TOO_LARGE,
                        "use XavierInit for sigmoid layers"),
                row("learning rate 50, He MLP", () -> mlp(3, 64, Activation.RELU, new HeInit(), new Sgd(50), 0),
                        NOTHING, 5, null, Diagnosis.Cause.LEARNING_RATE, "lower the learning rate"),
                row("NaN injected into a weight", () -> mlp(5, 64, Activation.TANH,
                        XavierInit.uniform(ActivationGain.TANH), Nets.sgd(), 0), net -> {
                            net.fit(BATCH);
                            net.getLayer(2).getParam("W").putScalar(7, Double.NaN);
                        }, 1, HealthCondition.NON_FINITE, Diagnosis.Cause.NON_FINITE_PARAMETERS,
                        "restore the parameters"),
                row("dead ReLU from a bias of -10", () -> mlp(3, 64, Activation.RELU, new HeInit(), Nets.sgd(), -10),
                        NOTHING, 1, HealthCondition.DEAD_UNITS, Diagnosis.Cause.BIAS_SHIFT,
                        "initialize the bias at 0"),
                row("30 Xavier ReLU layers", () -> mlp(30, 64, Activation.RELU, XavierInit.uniform(), Nets.sgd(), 0),
                        NOTHING, 1, HealthCondition.SCALE_COLLAPSE, Diagnosis.Cause.WEIGHTS_TOO_SMALL,
                        "use HeInit for relu layers"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void headlineNamesTheCauseAndARemedyThatFollowsFromIt(String name, Supplier<MultiLayerNetwork> make,
            Consumer<MultiLayerNetwork> before, int iterations, HealthCondition condition, Diagnosis.Cause cause,
            String remedy) {
        MultiLayerNetwork net = make.get();
        before.accept(net);
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing()
                .build());
        net.setListeners(listener);
        HealthReport failing = null;
        for (int i = 0; i < iterations && failing == null; i++) {
            net.fit(BATCH);
            if (listener.lastReport().isFailing()) {
                failing = listener.lastReport();
            }
        }
        assertThat(failing).as("a FAILING report within %d iterations", iterations).isNotNull();
        System.out.println(name + ": " + failing.headline().orElseThrow().message());
        Violation headline = failing.headline().orElseThrow();
        if (condition != null) {
            assertThat(headline.condition()).isEqualTo(condition);
        }
        assertThat(headline.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(headline.diagnosis().cause()).isEqualTo(cause);
        assertThat(headline.diagnosis().remedy()).contains(remedy);
        for (Violation v : failing.violations()) {
            assertThat(v.message()).as("no finding of %s advises to scale zero weights", name)
                    .doesNotContain("scale the weights down");
            if (cause == Diagnosis.Cause.LEARNING_RATE && v.verdict() == Verdict.FAILING) {
                assertThat(v.diagnosis().cause()).as("a learning-rate blow-up is not blamed on the initializer")
                        .isEqualTo(Diagnosis.Cause.LEARNING_RATE);
            }
        }
    }

    /** A tanh network already on Xavier with gain 5/3: nothing recommends what it already uses. */
    @org.junit.jupiter.api.Test
    void tanhOnXavierWithGainFiveThirdsIsNotToldToUseIt() {
        MultiLayerNetwork net = mlp(5, 128, Activation.TANH, XavierInit.uniform(ActivationGain.TANH), Nets.sgd(), 0);
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing()
                .historySize(30).build());
        net.setListeners(listener);
        for (int i = 0; i < 30; i++) {
            net.fit(BATCH);
        }
        List<Violation> all = listener.history().stream().flatMap(r -> r.violations().stream()).toList();
        System.out.println("tanh + Xavier 5/3: " + all.size() + " findings in 30 iterations: "
                + all.stream().map(Violation::finding).distinct().limit(5).toList());
        assertThat(all).allSatisfy(v -> assertThat(v.diagnosis().remedy()).doesNotContain("XavierInit with gain 5/3")
                .doesNotContain("ActivationGain.TANH"));
        assertThat(all).noneMatch(v -> v.verdict() == Verdict.FAILING);
    }
}
