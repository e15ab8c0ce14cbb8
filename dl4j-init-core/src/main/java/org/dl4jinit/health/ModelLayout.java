package org.dl4jinit.health;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
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
import org.deeplearning4j.nn.graph.util.GraphIndices;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layers of a {@link MultiLayerNetwork} or {@link ComputationGraph} in depth order, their configurations
 * and which layers read each layer's output. Built once per model; any other {@link Model} is rejected with a
 * clear message instead of a ClassCastException. Holds the model only weakly: a listener that outlives a
 * network does not keep it alive.
 */
final class ModelLayout {

    /** DL4J's automatic name of an unnamed MultiLayerNetwork layer i is "layer" + i: it counts as unset. */
    private static final String AUTOMATIC_NAME = "layer";

    private final WeakReference<Model> model;
    private final String modelClass;
    private final List<LayerInfo> layers;
    private final org.deeplearning4j.nn.conf.layers.Layer[] confs;
    private final int[][] consumers;
    private final String inputName;

    private ModelLayout(Model model, List<LayerInfo> layers, org.deeplearning4j.nn.conf.layers.Layer[] confs,
            int[][] consumers, String inputName) {
        this(model, model.getClass().getName(), layers, confs, consumers, inputName);
    }

    private ModelLayout(Model model, String modelClass, List<LayerInfo> layers,
            org.deeplearning4j.nn.conf.layers.Layer[] confs, int[][] consumers, String inputName) {
        this.model = new WeakReference<>(model);
        this.modelClass = modelClass;
        this.layers = Collections.unmodifiableList(layers);
        this.confs = confs;
        this.consumers = consumers;
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
        if (layers == null) {
            throw new IllegalStateException("the network is not initialized: call net.init() first");
        }
        List<LayerInfo> infos = new ArrayList<>(layers.length);
        org.deeplearning4j.nn.conf.layers.Layer[] confs = new org.deeplearning4j.nn.conf.layers.Layer[layers.length];
        int[][] consumers = new int[layers.length][];
        for (int i = 0; i < layers.length; i++) {
            boolean output = i == layers.length - 1;
            String configured = layers[i].conf().getLayer().getLayerName();
            String name = configured == null || configured.equals(AUTOMATIC_NAME + i) ? Integer.toString(i)
                    : configured;
            // onForwardPass passes [input, out(0) ... out(n-2)]: layer i's output is at i + 1
            infos.add(info(i, name, layers[i], output ? -1 : i + 1, output, i + "_"));
            confs[i] = layers[i].conf().getLayer();
            consumers[i] = output ? new int[0] : new int[] {i + 1};
        }
        return new ModelLayout(net, infos, confs, consumers, null);
    }

    private static ModelLayout ofGraph(ComputationGraph graph) {
        GraphVertex[] vertices = graph.getVertices();
        if (vertices == null) {
            throw new IllegalStateException("the graph is not initialized: call graph.init() first");
        }
        Set<String> outputs = Set.copyOf(graph.getConfiguration().getNetworkOutputs());
        List<LayerInfo> infos = new ArrayList<>();
        List<org.deeplearning4j.nn.conf.layers.Layer> confs = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int v : graph.topologicalSortOrder()) {
            GraphVertex vertex = vertices[v];
            if (vertex.isInputVertex()) {
                continue;
            }
            String name = vertex.getVertexName();
            index.put(name, infos.size());
            if (vertex.hasLayer()) {
                infos.add(info(infos.size(), name, vertex.getLayer(), 0, outputs.contains(name), name + "_"));
                confs.add(vertex.getLayer().conf().getLayer());
            } else {
                // merge, elementwise, subset ... vertices: activations only
                infos.add(LayerInfo.live(infos.size(), name, vertex.getClass().getSimpleName(), null, "none",
                        outputs.contains(name) ? -1 : 0, false, new String[0], new String[0], true,
                        outputs.contains(name), false));
                confs.add(null);
            }
        }
        int[][] consumers = consumers(infos.size(), index, graph.getConfiguration().getVertexInputs());
        String input = graph.getConfiguration().getNetworkInputs().get(0);
        return new ModelLayout(graph, infos, confs.toArray(new org.deeplearning4j.nn.conf.layers.Layer[0]),
                consumers, input);
    }

    /**
     * The layout a {@link MultiLayerNetwork} built from this configuration will have (same layers, names and
     * readers), without a network: for predictions made before one exists.
     */
    static ModelLayout of(MultiLayerConfiguration conf) {
        int n = conf.getConfs().size();
        List<LayerInfo> infos = new ArrayList<>(n);
        org.deeplearning4j.nn.conf.layers.Layer[] confs = new org.deeplearning4j.nn.conf.layers.Layer[n];
        int[][] consumers = new int[n][];
        for (int i = 0; i < n; i++) {
            boolean output = i == n - 1;
            org.deeplearning4j.nn.conf.layers.Layer layer = conf.getConf(i).getLayer();
            String configured = layer.getLayerName();
            String name = configured == null || configured.equals(AUTOMATIC_NAME + i) ? Integer.toString(i)
                    : configured;
            infos.add(info(i, name, layer, false, output ? -1 : i + 1, output, i + "_"));
            confs[i] = layer;
            consumers[i] = output ? new int[0] : new int[] {i + 1};
        }
        return new ModelLayout(null, MultiLayerNetwork.class.getName(), infos, confs, consumers, null);
    }

    /** As {@link #of(MultiLayerConfiguration)}, in the topological order a ComputationGraph would use. */
    static ModelLayout of(ComputationGraphConfiguration conf) {
        // the constructor only reads the configuration; calculateIndices is the graph's own topological sort
        GraphIndices indices = new ComputationGraph(conf).calculateIndices();
        Set<String> outputs = Set.copyOf(conf.getNetworkOutputs());
        List<LayerInfo> infos = new ArrayList<>();
        List<org.deeplearning4j.nn.conf.layers.Layer> confs = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int v : indices.getTopologicalSortOrder()) {
            String name = indices.getIdxToName().get(v);
            org.deeplearning4j.nn.conf.graph.GraphVertex vertex = conf.getVertices().get(name);
            if (vertex == null) {
                continue; // a network input
            }
            boolean output = outputs.contains(name);
            index.put(name, infos.size());
            if (vertex instanceof LayerVertex) {
                org.deeplearning4j.nn.conf.layers.Layer layer = ((LayerVertex) vertex).getLayerConf().getLayer();
                infos.add(info(infos.size(), name, layer, false, 0, output, name + "_"));
                confs.add(layer);
            } else {
                infos.add(LayerInfo.live(infos.size(), name, vertex.getClass().getSimpleName(), null, "none",
                        output ? -1 : 0, false, new String[0], new String[0], true, output, false));
                confs.add(null);
            }
        }
        int[][] consumers = consumers(infos.size(), index, conf.getVertexInputs());
        return new ModelLayout(null, ComputationGraph.class.getName(), infos,
                confs.toArray(new org.deeplearning4j.nn.conf.layers.Layer[0]), consumers,
                conf.getNetworkInputs().get(0));
    }

    private static int[][] consumers(int n, Map<String, Integer> index, Map<String, List<String>> vertexInputs) {
        List<List<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            readers.add(new ArrayList<>(1));
        }
        for (Map.Entry<String, List<String>> e : vertexInputs.entrySet()) {
            Integer reader = index.get(e.getKey());
            for (String in : e.getValue()) {
                Integer producer = index.get(in);
                if (reader != null && producer != null) {
                    readers.get(producer).add(reader);
                }
            }
        }
        int[][] consumers = new int[n][];
        for (int i = 0; i < n; i++) {
            consumers[i] = readers.get(i).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return consumers;
    }

    private static LayerInfo info(int index, String name, Layer layer, int slot, boolean output, String keyPrefix) {
        // the runtime frozen wrappers return the wrapped layer's configuration from conf(): test both
        boolean frozen = layer instanceof org.deeplearning4j.nn.layers.FrozenLayer
                || layer instanceof org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
        return info(index, name, layer.conf().getLayer(), frozen, slot, output, keyPrefix);
    }

    private static LayerInfo info(int index, String name, org.deeplearning4j.nn.conf.layers.Layer conf,
            boolean frozen, int slot, boolean output, String keyPrefix) {
        boolean trainable = !(frozen || conf instanceof FrozenLayer || conf instanceof FrozenLayerWithBackprop);
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
        IWeightInit weightInit = inner instanceof BaseLayer ? ((BaseLayer) inner).getWeightInitFn() : null;
        String initializer = weightKeys.length == 0 || weightInit == null ? "none" : weightInit.toString();
        return LayerInfo.live(index, name, type, activationOf(inner), initializer, output ? -1 : slot,
                channelsLast(inner), weightKeys, gradientKeys, trainable, output,
                inner instanceof EmbeddingLayer || inner instanceof EmbeddingSequenceLayer);
    }

    /** The configuration of a layer with its frozen and wrapper layers unwrapped, or null for a vertex. */
    org.deeplearning4j.nn.conf.layers.Layer conf(LayerInfo layer) {
        org.deeplearning4j.nn.conf.layers.Layer conf = confs[layer.index()];
        return conf == null ? null : unwrap(conf);
    }

    /** Whether the layer's own configuration (not its wrapper's) applies dropout or weight noise. */
    boolean stochastic(LayerInfo layer) {
        org.deeplearning4j.nn.conf.layers.Layer conf = confs[layer.index()];
        if (conf == null) {
            return false;
        }
        if (conf.getIDropout() != null) {
            return true;
        }
        org.deeplearning4j.nn.conf.layers.Layer inner = unwrap(conf);
        return inner.getIDropout() != null
                || inner instanceof BaseLayer && ((BaseLayer) inner).getWeightNoise() != null;
    }

    /** @return the indices of the layers and vertices that read this layer's output, in depth order */
    int[] consumers(LayerInfo layer) {
        return consumers[layer.index()];
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
    boolean[] stopInPlaceDropout(Model model) {
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
        Map<String, Integer> index = new HashMap<>();
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

    /** @return whether this layout was built for that model instance (compared by identity) */
    boolean isFor(Model m) {
        return m == model.get();
    }

    /** @return the model's class name */
    String modelClass() {
        return modelClass;
    }

    /** @return the layers in depth order */
    List<LayerInfo> layers() {
        return layers;
    }

    /** @return the name of the graph input used as the scale reference (null for a MultiLayerNetwork) */
    String inputName() {
        return inputName;
    }

    /**
     * The runtime layer of a layer of this layout.
     *
     * @param m the model this layout was built for (the one the callback received)
     * @return the layer, or null for a graph vertex without one
     */
    static Layer runtime(Model m, LayerInfo layer) {
        if (m instanceof MultiLayerNetwork) {
            return ((MultiLayerNetwork) m).getLayer(layer.index());
        }
        GraphVertex v = ((ComputationGraph) m).getVertex(layer.name());
        return v == null || !v.hasLayer() ? null : v.getLayer();
    }

    /** The current value of a layer's weight parameter ({@code weightKeys()[weight]}), or null if none. */
    static INDArray param(Model m, LayerInfo layer, int weight) {
        Layer l = runtime(m, layer);
        return l == null ? null : l.getParam(layer.weightKeys()[weight]);
    }

    /** The current value of a layer's parameter by key ("b"), or null if it has none. */
    static INDArray param(Model m, LayerInfo layer, String key) {
        Layer l = runtime(m, layer);
        return l == null || !l.paramTable().containsKey(key) ? null : l.getParam(key);
    }

    /** @return the model's iteration count (the number of updates applied so far) */
    static int iteration(Model m) {
        return m instanceof MultiLayerNetwork ? ((MultiLayerNetwork) m).getIterationCount()
                : ((ComputationGraph) m).getIterationCount();
    }
}
