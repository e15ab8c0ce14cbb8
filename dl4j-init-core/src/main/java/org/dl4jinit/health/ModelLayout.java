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
import org.deeplearning4j.nn.conf.layers.misc.RepeatVector;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.util.GraphIndices;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
    private final int[][] producers;
    private final int[][] sources;
    private final int[][] inputReaders;
    private final List<String> inputNames;

    /** @param model the model, or null for the layout a configuration's model will have ({@code modelClass}) */
    private ModelLayout(Model model, String modelClass, Graph g) {
        this.model = new WeakReference<>(model);
        this.modelClass = modelClass;
        this.layers = Collections.unmodifiableList(g.infos);
        this.confs = g.confs.toArray(new org.deeplearning4j.nn.conf.layers.Layer[0]);
        this.producers = g.producers.toArray(new int[0][]);
        this.sources = g.sources.toArray(new int[0][]);
        this.inputNames = g.inputNames;
        int n = layers.size();
        List<List<Integer>> readers = lists(n);
        List<List<Integer>> direct = lists(g.inputNames.size());
        for (int i = 0; i < n; i++) {
            for (int p : producers[i]) {
                readers.get(p).add(i);
            }
            for (int k : g.direct.get(i)) {
                direct.get(k).add(i);
            }
        }
        this.consumers = arrays(readers);
        this.inputReaders = arrays(direct);
    }

    /**
     * The layers of a model being described in depth order: each layer's description, configuration, the layers
     * it reads (producers), the network inputs it reads directly and those it derives from.
     */
    private static final class Graph {
        final List<String> inputNames;
        final List<LayerInfo> infos = new ArrayList<>();
        final List<org.deeplearning4j.nn.conf.layers.Layer> confs = new ArrayList<>();
        final List<int[]> producers = new ArrayList<>();
        final List<int[]> direct = new ArrayList<>();
        final List<int[]> sources = new ArrayList<>();
        /** Per layer, whether its values carry a rectifier's zeros (see {@link ValueRules}). */
        final List<Boolean> rectified = new ArrayList<>();

        Graph(List<String> inputNames) {
            this.inputNames = inputNames;
        }

        /**
         * Adds the next layer in depth order.
         *
         * @param info      its description (value rules still to be decided)
         * @param conf      its configuration (wrapped), null for a vertex without a layer
         * @param fn        the activation it applies itself, or null
         * @param shifts    whether it shifts its values (batch normalization, a shift vertex): zeros do not survive
         * @param producers the layers it reads, by index
         * @param direct    the network inputs it reads, by index
         */
        void add(LayerInfo info, org.deeplearning4j.nn.conf.layers.Layer conf, IActivation fn, boolean shifts,
                int[] producers, int[] direct) {
            boolean fedByRectifier = false;
            java.util.TreeSet<Integer> from = new java.util.TreeSet<>();
            for (int k : direct) {
                from.add(k);
            }
            for (int p : producers) {
                fedByRectifier |= rectified.get(p);
                for (int k : sources.get(p)) {
                    from.add(k);
                }
            }
            boolean weights = info.hasWeights();
            boolean rectifier = info.family() == ActivationFamily.RECTIFIER;
            ValueRules rules;
            if (!weights && (fn == null || fn instanceof ActivationIdentity)) {
                rules = ValueRules.NOT_JUDGED;
            } else if (!weights && !rectifier && fedByRectifier && keepsZero(fn)) {
                rules = ValueRules.RECTIFIED;
            } else {
                rules = ValueRules.OWN;
            }
            infos.add(info.withValueRules(rules));
            confs.add(conf);
            this.producers.add(producers);
            this.direct.add(direct);
            sources.add(from.stream().mapToInt(Integer::intValue).toArray());
            rectified.add(rectifier || !weights && !shifts && fedByRectifier && (fn == null || keepsZero(fn)));
        }
    }

    private static List<List<Integer>> lists(int n) {
        List<List<Integer>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>(1));
        }
        return out;
    }

    private static int[][] arrays(List<List<Integer>> lists) {
        int[][] out = new int[lists.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** Whether f(0) = 0 (tanh, softsign, the ELUs, identity, ...), so that zeros in its input stay zeros. */
    private static boolean keepsZero(IActivation fn) {
        if (fn == null) {
            return true;
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return fn.getActivation(Nd4j.zeros(DataType.DOUBLE, 1, 1), false).getDouble(0) == 0;
        } catch (RuntimeException e) {
            return false;
        }
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
        return sequential(net, MultiLayerNetwork.class.getName(), java.util.Arrays.asList(layers),
                i -> layers[i].conf().getLayer());
    }

    /**
     * The layout a {@link MultiLayerNetwork} built from this configuration will have (same layers, names, readers
     * and rules), without a network: for predictions made before one exists.
     */
    static ModelLayout of(MultiLayerConfiguration conf) {
        int n = conf.getConfs().size();
        return sequential(null, MultiLayerNetwork.class.getName(), Collections.nCopies(n, null),
                i -> conf.getConf(i).getLayer());
    }

    /**
     * A MultiLayerNetwork's layers in order, from its runtime layers (null entries before one is built) and their
     * configurations.
     */
    private static ModelLayout sequential(Model model, String modelClass, List<Layer> runtime,
            java.util.function.IntFunction<org.deeplearning4j.nn.conf.layers.Layer> confOf) {
        Graph g = new Graph(Collections.singletonList(null));
        int n = runtime.size();
        for (int i = 0; i < n; i++) {
            boolean output = i == n - 1;
            org.deeplearning4j.nn.conf.layers.Layer conf = confOf.apply(i);
            String configured = conf.getLayerName();
            String name = configured == null || configured.equals(AUTOMATIC_NAME + i) ? Integer.toString(i)
                    : configured;
            // onForwardPass passes [input, out(0) ... out(n-2)]: layer i's output is at i + 1
            g.add(info(i, name, conf, frozen(runtime.get(i)), output ? -1 : i + 1, output, i + "_"), conf,
                    activationOf(unwrap(conf)), unwrap(conf) instanceof BatchNormalization,
                    i == 0 ? new int[0] : new int[] {i - 1}, i == 0 ? new int[] {0} : new int[0]);
        }
        return new ModelLayout(model, modelClass, g);
    }

    private static ModelLayout ofGraph(ComputationGraph graph) {
        GraphVertex[] vertices = graph.getVertices();
        if (vertices == null) {
            throw new IllegalStateException("the graph is not initialized: call graph.init() first");
        }
        List<String> order = new ArrayList<>();
        Map<String, GraphVertex> runtime = new HashMap<>();
        for (int v : graph.topologicalSortOrder()) {
            GraphVertex vertex = vertices[v];
            if (!vertex.isInputVertex()) {
                order.add(vertex.getVertexName());
                runtime.put(vertex.getVertexName(), vertex);
            }
        }
        return graph(graph, ComputationGraph.class.getName(), graph.getConfiguration(), order, runtime);
    }

    /** As {@link #of(MultiLayerConfiguration)}, in the topological order a ComputationGraph would use. */
    static ModelLayout of(ComputationGraphConfiguration conf) {
        // the constructor only reads the configuration; calculateIndices is the graph's own topological sort
        GraphIndices indices = new ComputationGraph(conf).calculateIndices();
        List<String> order = new ArrayList<>();
        for (int v : indices.getTopologicalSortOrder()) {
            String name = indices.getIdxToName().get(v);
            if (conf.getVertices().containsKey(name)) {
                order.add(name); // not a network input
            }
        }
        return graph(null, ComputationGraph.class.getName(), conf, order, Map.of());
    }

    /**
     * A graph's layers and vertices in the given topological order (network inputs left out), from their
     * configurations and, once the graph is built, its runtime vertices (which decide when there are).
     */
    private static ModelLayout graph(Model model, String modelClass, ComputationGraphConfiguration c,
            List<String> order, Map<String, GraphVertex> runtime) {
        Set<String> outputs = Set.copyOf(c.getNetworkOutputs());
        List<String> inputs = List.copyOf(c.getNetworkInputs());
        Map<String, List<String>> vertexInputs = c.getVertexInputs();
        Graph g = new Graph(inputs);
        Map<String, Integer> index = new HashMap<>();
        for (String name : order) {
            List<Integer> producers = new ArrayList<>(2);
            List<Integer> direct = new ArrayList<>(1);
            for (String in : vertexInputs.getOrDefault(name, List.of())) {
                Integer producer = index.get(in);
                if (producer != null) {
                    producers.add(producer);
                } else if (inputs.contains(in)) {
                    direct.add(inputs.indexOf(in));
                }
            }
            int[] p = producers.stream().mapToInt(Integer::intValue).sorted().toArray();
            int[] d = direct.stream().mapToInt(Integer::intValue).sorted().toArray();
            int i = g.infos.size();
            index.put(name, i);
            org.deeplearning4j.nn.conf.graph.GraphVertex vertex = c.getVertices().get(name);
            GraphVertex built = runtime.get(name);
            Layer layer = built != null && built.hasLayer() ? built.getLayer() : null;
            org.deeplearning4j.nn.conf.layers.Layer conf = built != null
                    ? layer == null ? null : layer.conf().getLayer()
                    : vertex instanceof LayerVertex ? ((LayerVertex) vertex).getLayerConf().getLayer() : null;
            if (conf != null) {
                g.add(info(i, name, conf, frozen(layer), 0, outputs.contains(name), name + "_"), conf,
                        activationOf(unwrap(conf)), unwrap(conf) instanceof BatchNormalization, p, d);
            } else {
                // merge, elementwise, subset ... vertices: activations only
                g.add(LayerInfo.live(i, name, (built != null ? built : vertex).getClass().getSimpleName(), null,
                        "none", outputs.contains(name) ? -1 : 0, false, new String[0], new String[0], true,
                        outputs.contains(name), false), null, null,
                        vertex instanceof org.deeplearning4j.nn.conf.graph.ShiftVertex, p, d);
            }
        }
        return new ModelLayout(model, modelClass, g);
    }

    /** Whether a runtime layer is one of DL4J's frozen wrappers (their conf() is the wrapped layer's); null: no. */
    private static boolean frozen(Layer layer) {
        return layer instanceof org.deeplearning4j.nn.layers.FrozenLayer
                || layer instanceof org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
    }

    /**
     * @param conf   the layer's configuration (wrapped)
     * @param frozen whether its runtime layer is a frozen wrapper (whose conf() is the wrapped layer's)
     */
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

    /** @return the indices of the layers and vertices whose output this layer reads, in depth order */
    int[] producers(LayerInfo layer) {
        return producers[layer.index()];
    }

    /**
     * @return the network inputs (indices into {@link #inputCount()}) this layer derives from, directly or through
     *         the layers before it, in increasing order
     */
    int[] sources(LayerInfo layer) {
        return sources[layer.index()];
    }

    /** @return the layers that read network input {@code k} directly, in depth order */
    int[] inputReaders(int k) {
        return inputReaders[k];
    }

    /** @return the number of network inputs (1 for a MultiLayerNetwork) */
    int inputCount() {
        return inputNames.size();
    }

    /** @return the name of graph input {@code k} (null for a MultiLayerNetwork's one input) */
    String inputName(int k) {
        return inputNames.get(k);
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
        if (conf instanceof BatchNormalization || conf instanceof DropoutLayer || conf instanceof RepeatVector) {
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
