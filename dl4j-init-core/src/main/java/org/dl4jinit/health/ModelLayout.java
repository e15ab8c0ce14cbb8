package org.dl4jinit.health;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layers of a {@link MultiLayerNetwork} or {@link ComputationGraph} in depth order, with the runtime layer
 * objects to read parameters from. Built once per model; any other {@link Model} is rejected with a clear
 * message instead of a ClassCastException.
 */
final class ModelLayout {

    private final Model model;
    private final List<LayerInfo> layers;
    private final Layer[] runtime;
    private final String inputName;

    private ModelLayout(Model model, List<LayerInfo> layers, Layer[] runtime, String inputName) {
        this.model = model;
        this.layers = Collections.unmodifiableList(layers);
        this.runtime = runtime;
        this.inputName = inputName;
    }

    /**
     * @param model a MultiLayerNetwork or ComputationGraph
     * @return its layout
     * @throws IllegalArgumentException for any other model type
     */
    static ModelLayout of(Model model) {
        if (model instanceof MultiLayerNetwork) {
            return ofNetwork((MultiLayerNetwork) model);
        }
        if (model instanceof ComputationGraph) {
            return ofGraph((ComputationGraph) model);
        }
        throw new IllegalArgumentException("model must be a MultiLayerNetwork or a ComputationGraph, was "
                + (model == null ? "null" : model.getClass().getName()));
    }

    private static ModelLayout ofNetwork(MultiLayerNetwork net) {
        Layer[] layers = net.getLayers();
        List<LayerInfo> infos = new ArrayList<>(layers.length);
        for (int i = 0; i < layers.length; i++) {
            boolean output = i == layers.length - 1;
            // onForwardPass passes [input, out(0) ... out(n-2)]: layer i's output is at i + 1
            infos.add(info(i, Integer.toString(i), layers[i], output ? -1 : i + 1, output, i + "_"));
        }
        return new ModelLayout(net, infos, layers, null);
    }

    private static ModelLayout ofGraph(ComputationGraph graph) {
        GraphVertex[] vertices = graph.getVertices();
        Set<String> outputs = Set.copyOf(graph.getConfiguration().getNetworkOutputs());
        List<LayerInfo> infos = new ArrayList<>();
        List<Layer> runtime = new ArrayList<>();
        for (int v : graph.topologicalSortOrder()) {
            GraphVertex vertex = vertices[v];
            if (vertex.isInputVertex()) {
                continue;
            }
            String name = vertex.getVertexName();
            if (vertex.hasLayer()) {
                infos.add(info(infos.size(), name, vertex.getLayer(), 0, outputs.contains(name), name + "_"));
                runtime.add(vertex.getLayer());
            } else {
                // merge, elementwise, subset ... vertices: activations only
                infos.add(new LayerInfo(infos.size(), name, vertex.getClass().getSimpleName(), null,
                        outputs.contains(name) ? -1 : 0, false, new String[0], new String[0], true,
                        outputs.contains(name), false));
                runtime.add(null);
            }
        }
        String input = graph.getConfiguration().getNetworkInputs().get(0);
        return new ModelLayout(graph, infos, runtime.toArray(new Layer[0]), input);
    }

    private static LayerInfo info(int index, String name, Layer layer, int slot, boolean output, String keyPrefix) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        // the runtime frozen wrappers return the wrapped layer's configuration from conf(): test both
        boolean trainable = !(layer instanceof org.deeplearning4j.nn.layers.FrozenLayer
                || layer instanceof org.deeplearning4j.nn.layers.FrozenLayerWithBackprop
                || conf instanceof FrozenLayer || conf instanceof FrozenLayerWithBackprop);
        org.deeplearning4j.nn.conf.layers.Layer inner = unwrap(conf);
        ParamInitializer init = inner.initializer();
        List<String> weights = new ArrayList<>();
        for (String key : init.paramKeys(inner)) {
            if (init.isWeightParam(inner, key)) {
                weights.add(key);
            }
        }
        String[] weightKeys = weights.toArray(new String[0]);
        String[] gradientKeys = new String[weightKeys.length];
        for (int k = 0; k < weightKeys.length; k++) {
            gradientKeys[k] = keyPrefix + weightKeys[k];
        }
        String type = inner.getClass().getSimpleName();
        return new LayerInfo(index, name, type, activationOf(inner), output ? -1 : slot, channelsLast(inner),
                weightKeys, gradientKeys, trainable, output,
                inner instanceof EmbeddingLayer || inner instanceof EmbeddingSequenceLayer);
    }

    private static org.deeplearning4j.nn.conf.layers.Layer unwrap(org.deeplearning4j.nn.conf.layers.Layer conf) {
        org.deeplearning4j.nn.conf.layers.Layer l = conf;
        while (true) {
            if (l instanceof FrozenLayer) {
                l = ((FrozenLayer) l).getLayer();
            } else if (l instanceof BaseWrapperLayer) {
                l = ((BaseWrapperLayer) l).getUnderlying();
            } else {
                return l;
            }
        }
    }

    private static IActivation activationOf(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof BatchNormalization || conf instanceof DropoutLayer) {
            // BaseLayers that inherit the global activation (sigmoid by default) but never apply it
            return null;
        }
        if (conf instanceof BaseLayer) {
            return ((BaseLayer) conf).getActivationFn();
        }
        if (conf instanceof ActivationLayer) {
            return ((ActivationLayer) conf).getActivationFn();
        }
        return null;
    }

    private static boolean channelsLast(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof ConvolutionLayer) {
            return ((ConvolutionLayer) conf).getCnn2dDataFormat() == CNN2DFormat.NHWC;
        }
        if (conf instanceof SubsamplingLayer) {
            return ((SubsamplingLayer) conf).getCnn2dDataFormat() == CNN2DFormat.NHWC;
        }
        if (conf instanceof BatchNormalization) {
            return ((BatchNormalization) conf).getCnn2DFormat() == CNN2DFormat.NHWC;
        }
        if (conf instanceof BaseRecurrentLayer) {
            return ((BaseRecurrentLayer) conf).getRnnDataFormat() == RNNFormat.NWC;
        }
        return false;
    }

    /**
     * Makes layers with dropout stop applying it in place to their input.
     *
     * <p>DL4J lets every layer but the first modify its input in place ({@code allowInputModification(true)}
     * in {@code MultiLayerNetwork.init()} and, for single-consumer inputs, in {@code ComputationGraph.init()}),
     * so a layer with dropout zeroes and rescales the previous layer's output, which is the array handed to
     * {@code onForwardPass} after the whole forward pass. This turns that off for the layers with dropout only
     * (numerically identical training, one extra copy of that input per iteration).
     *
     * @return per layer, whether its output of the forward pass just done was already modified by a
     *         successor's dropout (so this iteration's activation figures of that layer cannot be trusted)
     */
    boolean[] stopInPlaceDropout() {
        boolean[] modified = new boolean[layers.size()];
        if (model instanceof MultiLayerNetwork) {
            Layer[] all = ((MultiLayerNetwork) model).getLayers();
            for (int i = 1; i < all.length; i++) {
                if (hasDropout(all[i])) {
                    all[i].allowInputModification(false);
                    modified[i - 1] = true;
                }
            }
            return modified;
        }
        ComputationGraph graph = (ComputationGraph) model;
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (LayerInfo info : layers) {
            index.put(info.name(), info.index());
        }
        for (GraphVertex vertex : graph.getVertices()) {
            if (vertex.hasLayer() && hasDropout(vertex.getLayer())) {
                vertex.getLayer().allowInputModification(false);
                for (String in : graph.getConfiguration().getVertexInputs().get(vertex.getVertexName())) {
                    Integer producer = index.get(in);
                    if (producer != null) {
                        modified[producer] = true;
                    }
                }
            }
        }
        return modified;
    }

    private static boolean hasDropout(Layer layer) {
        return layer.conf() != null && layer.conf().getLayer() != null && layer.conf().getLayer().getIDropout() != null;
    }

    /** @return whether this layout was built for that model instance */
    boolean isFor(Model m) {
        return m == model;
    }

    /** @return the model's class name */
    String modelClass() {
        return model.getClass().getName();
    }

    /** @return the layers in depth order */
    List<LayerInfo> layers() {
        return layers;
    }

    /** @return the name of the graph input used as the scale reference (null for a MultiLayerNetwork) */
    String inputName() {
        return inputName;
    }

    /** The current value of a layer's parameter, or null if it has no such parameter. */
    INDArray param(LayerInfo layer, int weight) {
        Layer l = runtime[layer.index()];
        return l == null ? null : l.getParam(layer.weightKeys()[weight]);
    }

    /** @return the model's iteration count (the number of updates applied so far) */
    int iteration() {
        return model instanceof MultiLayerNetwork ? ((MultiLayerNetwork) model).getIterationCount()
                : ((ComputationGraph) model).getIterationCount();
    }

    /** @return the model's epoch count */
    int epoch() {
        return model instanceof MultiLayerNetwork ? ((MultiLayerNetwork) model).getEpochCount()
                : ((ComputationGraph) model).getEpochCount();
    }
}
