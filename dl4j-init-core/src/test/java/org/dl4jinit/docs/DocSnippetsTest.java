package org.dl4jinit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.health.GradientHealth;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.HealthPolicy;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.HealthTerminationCondition;
import org.dl4jinit.health.Nets;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.ZeroInit;
import org.dl4jinit.lsuv.AutoInit;
import org.dl4jinit.lsuv.LayerResult;
import org.dl4jinit.lsuv.Lsuv;
import org.dl4jinit.lsuv.LsuvReport;
import org.dl4jinit.storage.HealthRecorder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The Java code of docs/health.md and docs/lsuv.md compiles against today's API and does what the pages say:
 * each page's {@code java} blocks are, in order and line for line, the code this file marks as that page's
 * snippets, and each snippet runs here on a small network.
 */
class DocSnippetsTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final Path THIS_SOURCE = Path.of("src", "test", "java", "org", "dl4jinit", "docs",
            "DocSnippetsTest.java");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SNIPPET = Pattern.compile(
            "(?m)^[ \\t]*// snippet of docs/(\\S+)\\n(.*?)^[ \\t]*// end of snippet$", Pattern.DOTALL);

    private static List<String> javaBlocks(String page) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(Files.readString(DOCS.resolve(page), StandardCharsets.UTF_8));
        while (m.find()) {
            out.add(normalized(m.group(1)));
        }
        return out;
    }

    private static List<String> snippets(String page) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = SNIPPET.matcher(Files.readString(THIS_SOURCE, StandardCharsets.UTF_8));
        while (m.find()) {
            if (m.group(1).equals(page)) {
                out.add(normalized(m.group(2)));
            }
        }
        return out;
    }

    private static String normalized(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }

    @Test
    void theJavaBlocksOfHealthAndLsuvPagesAreTheSnippetsOfThisTest() throws IOException {
        for (String page : List.of("health.md", "lsuv.md")) {
            assertThat(javaBlocks(page)).as(page).isNotEmpty().containsExactlyElementsOf(snippets(page));
        }
    }

    @Test
    void healthQuickStartChecksTrainsAndRecordsAHealthyNetwork() {
        MultiLayerNetwork net = Nets.mlp(2, 32, Activation.RELU, new HeInit(), Nets.sgd(), 31);
        DataSet batch = Nets.data(32, 31);
        ListDataSetIterator<DataSet> trainIter = new ListDataSetIterator<>(Nets.data(128, 32).asList(), 32);
        InMemoryStatsStorage statsStorage = new InMemoryStatsStorage();

        // snippet of docs/health.md
        HealthReport preflight = GradientHealth.check(net, batch); // one forward/backward pass, no update
        if (preflight.isFailing()) {                               // a WARNING is worth a look, not a reason to stop
            throw new IllegalStateException(preflight.headline().orElseThrow().message());
        }

        GradientHealthListener health = new GradientHealthListener(HealthConfig.builder()
                .onWarning(HealthPolicy.LOG)                       // the default: log transitions (SLF4J)
                .onFailing(HealthPolicy.LOG, HealthPolicy.THROW)   // fit() ends: UnhealthyTrainingException
                .subscribe(HealthRecorder.to(statsStorage))        // records for the Gradient Health page
                .build());
        net.setListeners(health);                                  // or new GradientHealthListener(): log only
        net.fit(trainIter);
        HealthReport last = health.lastReport();                   // immutable: verdict(), headline(), layers()
        System.out.println(last.toTable());
        // end of snippet

        assertThat(preflight.verdict()).isNotEqualTo(Verdict.FAILING);
        assertThat(last.iteration()).isEqualTo(3);
        assertThat(statsStorage.listSessionIDs()).containsExactly(health.getSessionID());
        assertThat(statsStorage.getNumUpdateRecordsFor(health.getSessionID())).isEqualTo(4);
    }

    @Test
    void earlyStoppingOnAZeroInitNetworkEndsInTheFirstEpochWithAResultNamingLayerAndCondition() {
        MultiLayerNetwork net = Nets.mlp(2, 16, Activation.TANH, new ZeroInit(), Nets.sgd(), 33);
        ListDataSetIterator<DataSet> trainIter = new ListDataSetIterator<>(Nets.data(128, 33).asList(), 16);
        ListDataSetIterator<DataSet> testIter = new ListDataSetIterator<>(Nets.data(32, 34).asList(), 16);
        GradientHealthListener health = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing()
                .build());
        net.setListeners(health);

        // snippet of docs/health.md
        HealthTerminationCondition stop = new HealthTerminationCondition(health, 3);
        EarlyStoppingConfiguration<MultiLayerNetwork> es = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .iterationTerminationConditions(stop)
                .modelSaver(stop.modelSaver(new InMemoryModelSaver<>())) // no best model yet: the one trained
                .scoreCalculator(new DataSetLossCalculator(testIter, true))
                .epochTerminationConditions(new MaxEpochsTerminationCondition(10))
                .build();
        EarlyStoppingResult<MultiLayerNetwork> result = new EarlyStoppingTrainer(es, net, trainIter).fit();
        System.out.println(result.getTerminationDetails());        // the layer, the condition, the remedy
        // end of snippet

        assertThat(result.getTerminationReason())
                .isEqualTo(EarlyStoppingResult.TerminationReason.IterationTerminationCondition);
        assertThat(result.getTerminationDetails()).contains("layer 0 (DenseLayer, tanh): FAILING condition 2")
                .contains("W = 0");
        assertThat(stop.firedOn()).isSameAs(health.lastReport());
        assertThat(result.getBestModel()).isSameAs(net);
    }

    @Test
    void lsuvSnippetRunsOnAnIteratorAndAutoInitSetsInitializers() {
        MultiLayerNetwork net = Nets.mlp(3, 32, Activation.TANH, new HeInit(), Nets.sgd(), 35);
        ListDataSetIterator<DataSet> trainIter = new ListDataSetIterator<>(Nets.data(64, 35).asList(), 32);
        MultiLayerConfiguration conf = Nets.mlp(2, 16, Activation.RELU, WeightInit.XAVIER.getWeightInitFunction(),
                Nets.sgd(), 36).getLayerWiseConfigurations();

        // snippet of docs/lsuv.md
        LsuvReport report = Lsuv.defaults().apply(net, trainIter); // orthogonal pre-init, tolerance 0.1
        trainIter.reset();                                         // LSUV read the first batch
        System.out.println(report.toTable());                      // per layer: status, iterations, variances
        LayerResult first = report.layer("0");                     // DL4J name, else index, as in health reports

        MultiLayerConfiguration auto = AutoInit.apply(conf);       // He for ReLU, LeCun for SELU, Xavier(5/3) for tanh
        // end of snippet

        assertThat(report.converged()).isTrue();
        assertThat(first.index()).isZero();
        assertThat(first.layer().type()).isEqualTo("DenseLayer");
        assertThat(report.toTable()).contains("\n0 ");
        assertThat(trainIter.next().getFeatures().rows()).isEqualTo(32);
        assertThat(auto.getConf(0).getLayer()).extracting(l -> ((org.deeplearning4j.nn.conf.layers.BaseLayer) l)
                .getWeightInitFn()).isInstanceOf(HeInit.class);
    }
}
