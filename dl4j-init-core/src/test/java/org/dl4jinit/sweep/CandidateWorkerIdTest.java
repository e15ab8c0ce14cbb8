package org.dl4jinit.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.core.util.UIDProvider;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.init.XavierInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A candidate's jobs report under the worker id of the JVM that trains them (a Spark executor's, or this one's);
 * its later jobs in the same JVM (successive halving continues it in a new model restored from its state) keep that
 * one (session, worker) id, even while the model of its earlier job is still referenced.
 */
class CandidateWorkerIdTest {

    private static MultiLayerNetwork net() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5L)
                .weightInit(new XavierInit()).list()
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(SweepFixtures.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build());
        net.init();
        return net;
    }

    private static GradientHealthListener health(MultiLayerNetwork net) {
        return (GradientHealthListener) net.getListeners().stream()
                .filter(l -> l instanceof GradientHealthListener).findFirst().orElseThrow();
    }

    @Test
    void aCandidatesNextJobReportsUnderTheSameWorkerIdWhileTheLastModelIsAlive() {
        PruningTaskListener pruning = new PruningTaskListener(PruningTaskListener.quietHealth(),
                new PruningRule(3, 10));
        Candidate<String> candidate = new Candidate<>("candidate", 4, new double[0]);
        DataSetIterator train = SweepFixtures.sweepData().trainData(java.util.Map.of());
        MultiLayerNetwork first = pruning.preProcess(net(), candidate);
        first.fit(train.next());
        MultiLayerNetwork second = pruning.preProcess(net(), candidate);   // `first` is still referenced
        second.fit(train.next());

        assertThat(health(first).lastReport().sessionId()).isEqualTo("candidate-4");
        assertThat(health(second).lastReport().sessionId()).isEqualTo("candidate-4");
        assertThat(health(first).lastReport().workerId()).isEqualTo(UIDProvider.getJVMUID());
        assertThat(health(second).lastReport().workerId()).isEqualTo(UIDProvider.getJVMUID());
    }
}
