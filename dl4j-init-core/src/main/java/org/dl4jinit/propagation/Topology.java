package org.dl4jinit.propagation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.dl4jinit.health.ConfigurationLayout;
import org.dl4jinit.health.LayerInfo;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A configuration as the analysis walks it: the network inputs, then every layer or vertex in the depth order the
 * listener uses, each with its inputs, consumers, input preprocessor, and (when an {@link InputType} is known or
 * can be inferred) the activation types flowing in and out.
 */
final class Topology {

    /** One input, layer or vertex. */
    static final class Node {
        final String name;
        final LayerInfo info;
        final Layer layer;
        final GraphVertex vertex;
        final InputPreProcessor preProcessor;
        final NeuralNetConfiguration conf;
        final List<Node> inputs = new ArrayList<>();
        final List<Node> consumers = new ArrayList<>();
        InputType inputType;
        InputType outputType;
        boolean networkOutput;

        Node(String name, LayerInfo info, Layer layer, GraphVertex vertex, InputPreProcessor preProcessor,
                NeuralNetConfiguration conf) {
            this.name = name;
            this.info = info;
            this.layer = layer;
            this.vertex = vertex;
            this.preProcessor = preProcessor;
            this.conf = conf;
        }

        boolean isInput() {
            return info == null;
        }
    }

    final List<Node> nodes;
    final ConfigurationLayout layout;
    final List<LayerInfo> infos;
    final DataType dataType;
    final long seed;
    final boolean miniBatch;
    final boolean typesKnown;

    private Topology(List<Node> nodes, ConfigurationLayout layout, DataType dataType, long seed, boolean miniBatch,
            boolean typesKnown) {
        this.nodes = nodes;
        this.layout = layout;
        this.infos = layout.layers();
        this.dataType = dataType;
        this.seed = seed;
        this.miniBatch = miniBatch;
        this.typesKnown = typesKnown;
    }

    /** The layer inside frozen and other wrappers. */
    static Layer unwrap(Layer l) {
        Layer x = l;
        while (true) {
            if (x instanceof FrozenLayer) {
                x = ((FrozenLayer) x).getLayer();
            } else if (x instanceof BaseWrapperLayer) {
                x = ((BaseWrapperLayer) x).getUnderlying();
            } else {
                return x;
            }
        }
    }

    static Topology of(MultiLayerConfiguration conf, InputType given) {
        ConfigurationLayout layout = ConfigurationLayout.of(conf);
        List<LayerInfo> infos = layout.layers();
        List<Node> nodes = new ArrayList<>();
        Node input = new Node("input", null, null, null, null, null);
        nodes.add(input);
        Node prev = input;
        int n = conf.getConfs().size();
        for (int i = 0; i < n; i++) {
            NeuralNetConfiguration c = conf.getConf(i);
            Node node = new Node(infos.get(i).name(), infos.get(i), unwrap(c.getLayer()), null,
                    conf.getInputPreProcess(i), c);
            node.inputs.add(prev);
            prev.consumers.add(node);
            nodes.add(node);
            prev = node;
        }
        prev.networkOutput = true;
        InputType type = given != null ? given : inferInput(nodes.size() > 1 ? nodes.get(1) : null);
        boolean known = false;
        if (type != null) {
            try {
                List<InputType> out = conf.getLayerActivationTypes(type);
                input.outputType = type;
                for (int i = 0; i < n; i++) {
                    Node node = nodes.get(i + 1);
                    InputType in = node.inputs.get(0).outputType;
                    node.inputType = node.preProcessor == null ? in : node.preProcessor.getOutputType(in);
                    node.outputType = out.get(i);
                }
                known = true;
            } catch (RuntimeException e) {
                if (given != null) {
                    throw new IllegalArgumentException("inputType " + given + " does not fit the configuration: "
                            + e.getMessage(), e);
                }
            }
        }
        NeuralNetConfiguration first = n > 0 ? conf.getConf(0) : null;
        return new Topology(nodes, layout, conf.getDataType(), first == null ? 0 : first.getSeed(),
                first == null || first.isMiniBatch(), known);
    }

    static Topology of(ComputationGraphConfiguration conf, InputType[] given) {
        ConfigurationLayout layout = ConfigurationLayout.of(conf);
        List<LayerInfo> infos = layout.layers();
        Map<String, Node> byName = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (String in : conf.getNetworkInputs()) {
            Node node = new Node(in, null, null, null, null, null);
            byName.put(in, node);
            nodes.add(node);
        }
        for (LayerInfo info : infos) {
            GraphVertex v = conf.getVertices().get(info.name());
            Node node;
            if (v instanceof LayerVertex) {
                LayerVertex lv = (LayerVertex) v;
                node = new Node(info.name(), info, unwrap(lv.getLayerConf().getLayer()), null, lv.getPreProcessor(),
                        lv.getLayerConf());
            } else {
                node = new Node(info.name(), info, null, v, null, null);
            }
            byName.put(info.name(), node);
            nodes.add(node);
        }
        for (Node node : nodes) {
            if (node.isInput()) {
                continue;
            }
            for (String in : conf.getVertexInputs().get(node.name)) {
                Node src = byName.get(in);
                node.inputs.add(src);
                src.consumers.add(node);
            }
        }
        for (String out : conf.getNetworkOutputs()) {
            byName.get(out).networkOutput = true;
        }
        InputType[] types = given;
        if (types == null) {
            types = new InputType[conf.getNetworkInputs().size()];
            for (int i = 0; i < types.length; i++) {
                Node in = byName.get(conf.getNetworkInputs().get(i));
                types[i] = in.consumers.isEmpty() ? null : inferInput(in.consumers.get(0));
                if (types[i] == null) {
                    types = null;
                    break;
                }
            }
        }
        boolean known = false;
        if (types != null) {
            try {
                ComputationGraphConfiguration copy = conf.clone();
                Map<String, InputType> out = copy.getLayerActivationTypes(true, false, types);
                for (Node node : nodes) {
                    node.outputType = out.get(node.name);
                }
                for (Node node : nodes) {
                    if (!node.isInput() && !node.inputs.isEmpty()) {
                        InputType in = node.inputs.get(0).outputType;
                        node.inputType = node.preProcessor == null || in == null ? in
                                : node.preProcessor.getOutputType(in);
                    }
                }
                known = true;
            } catch (RuntimeException e) {
                if (given != null) {
                    throw new IllegalArgumentException("inputTypes do not fit the configuration: " + e.getMessage(),
                            e);
                }
            }
        }
        NeuralNetConfiguration d = conf.getDefaultConfiguration();
        return new Topology(nodes, layout, conf.getDataType(), d == null ? 0 : d.getSeed(),
                d == null || d.isMiniBatch(), known);
    }

    /** The input type a first layer implies: a dense layer's nIn, or a preprocessor to images. */
    private static InputType inferInput(Node first) {
        if (first == null || first.layer == null) {
            return null;
        }
        if (first.preProcessor instanceof FeedForwardToCnnPreProcessor) {
            FeedForwardToCnnPreProcessor p = (FeedForwardToCnnPreProcessor) first.preProcessor;
            return InputType.convolutionalFlat(p.getInputHeight(), p.getInputWidth(), p.getNumChannels());
        }
        if (first.layer instanceof FeedForwardLayer && !(first.layer instanceof ConvolutionLayer)
                && first.preProcessor == null && ((FeedForwardLayer) first.layer).getNIn() > 0) {
            return InputType.feedForward(((FeedForwardLayer) first.layer).getNIn());
        }
        return null;
    }
}
