package org.dl4jinit.sweep;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The two kinds of DL4J network a sweep candidate can be, with what {@link RungTrainer} does to each: build
 * from JSON, train one minibatch, count iterations, save and restore (ModelSerializer, updater state
 * included, so training continues exactly where it stopped).
 */
public enum ModelType {

    /** A {@link MultiLayerNetwork} from a {@link MultiLayerConfiguration} (Arbiter's MultiLayerSpace). */
    MULTI_LAYER_NETWORK {
        @Override
        Model build(String json) {
            MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
            net.init();
            return net;
        }

        @Override
        Model restore(byte[] state) throws IOException {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(state), true);
        }

        @Override
        void fit(Model model, DataSet batch) {
            ((MultiLayerNetwork) model).fit(batch);
        }

        @Override
        int iterations(Model model) {
            return ((MultiLayerNetwork) model).getIterationCount();
        }

        @Override
        void endEpoch(Model model) {
            ((MultiLayerNetwork) model).incrementEpochCount();
        }

        @Override
        List<Layer> layers(Model model) {
            return layers(((MultiLayerNetwork) model).getLayerWiseConfigurations());
        }
    },

    /** A {@link ComputationGraph} from a {@link ComputationGraphConfiguration} (Arbiter's ComputationGraphSpace). */
    COMPUTATION_GRAPH {
        @Override
        Model build(String json) {
            ComputationGraph graph = new ComputationGraph(ComputationGraphConfiguration.fromJson(json));
            graph.init();
            return graph;
        }

        @Override
        Model restore(byte[] state) throws IOException {
            return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(state), true);
        }

        @Override
        void fit(Model model, DataSet batch) {
            ((ComputationGraph) model).fit(batch);
        }

        @Override
        int iterations(Model model) {
            return ((ComputationGraph) model).getIterationCount();
        }

        @Override
        void endEpoch(Model model) {
            ((ComputationGraph) model).incrementEpochCount();
        }

        @Override
        List<Layer> layers(Model model) {
            return layers(((ComputationGraph) model).getConfiguration());
        }
    };

    /** Builds and initializes the network (the configuration's seed fixes the weights). */
    abstract Model build(String json);

    /** Restores a model saved by {@link #save(Model)}, updater included. */
    abstract Model restore(byte[] state) throws IOException;

    /** One training iteration on one minibatch. */
    abstract void fit(Model model, DataSet batch);

    /** The iterations the model has trained (kept in its configuration, so it survives save and restore). */
    abstract int iterations(Model model);

    /** Counts one pass over the training data, as {@code fit(iterator)} does at the end of a pass. */
    abstract void endEpoch(Model model);

    /** The layer configurations (of the layer vertices, for a graph). */
    abstract List<Layer> layers(Model model);

    /** @return the layer configurations of a network configuration */
    static List<Layer> layers(MultiLayerConfiguration conf) {
        List<Layer> layers = new ArrayList<>();
        for (NeuralNetConfiguration n : conf.getConfs()) {
            layers.add(n.getLayer());
        }
        return layers;
    }

    /** @return the layer configurations of a graph configuration's layer vertices */
    static List<Layer> layers(ComputationGraphConfiguration conf) {
        List<Layer> layers = new ArrayList<>();
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex) {
                layers.add(((LayerVertex) v).getLayerConf().getLayer());
            }
        }
        return layers;
    }

    /** @return the model as ModelSerializer bytes, updater state included */
    byte[] save(Model model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(model, out, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
