package org.dl4jinit.lsuv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layers (and graph vertices) of a model in forward order, each with a function that runs just that node
 * on cached inputs: what LSUV walks. {@code inputs} is the number of network inputs; node j's output goes to
 * slot {@code inputs + j} of the activation table.
 */
final class ForwardPlan {

    final int inputs;
    final List<Node> nodes;
    final long seed;
    final Runnable clear;

    private ForwardPlan(int inputs, List<Node> nodes, long seed, Runnable clear) {
        this.inputs = inputs;
        this.nodes = nodes;
        this.seed = seed;
        this.clear = clear;
    }

    static ForwardPlan of(Model model, int inputs) {
        if (model instanceof MultiLayerNetwork) {
            if (inputs != 1) {
                throw new IllegalArgumentException("a MultiLayerNetwork takes one features array, was " + inputs);
            }
            return planNetwork((MultiLayerNetwork) model);
        }
        if (model instanceof ComputationGraph) {
            return planGraph((ComputationGraph) model, inputs);
        }
        throw new IllegalArgumentException("LSUV supports MultiLayerNetwork and ComputationGraph, was "
                + (model == null ? "null" : model.getClass().getName()));
    }

    private static ForwardPlan planNetwork(MultiLayerNetwork net) {
        if (net.getLayers() == null) {
            throw new IllegalStateException("the network is not initialized: call net.init() before LSUV");
        }
        List<Node> nodes = new ArrayList<>();
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            Layer layer = layers[i];
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            Forward forward = (in, mgr) -> {
                INDArray x = in[0];
                if (pre != null) {
                    x = pre.preProcess(x, (int) x.size(0), mgr);
                }
                return layer.activate(x, false, mgr);
            };
            nodes.add(new Node(layer, new int[] {i}, forward, null));
        }
        long seed = net.getLayerWiseConfigurations().getConf(0).getSeed();
        return new ForwardPlan(1, nodes, seed, net::clear);
    }

    private static ForwardPlan planGraph(ComputationGraph graph, int inputs) {
        if (graph.getVertices() == null) {
            throw new IllegalStateException("the graph is not initialized: call graph.init() before LSUV");
        }
        List<String> networkInputs = graph.getConfiguration().getNetworkInputs();
        if (networkInputs.size() != inputs) {
            throw new IllegalArgumentException("the graph has " + networkInputs.size() + " inputs " + networkInputs
                    + " but the batch has " + inputs + " features array(s)");
        }
        Map<Integer, Integer> slotOf = new HashMap<>();
        for (int k = 0; k < networkInputs.size(); k++) {
            slotOf.put(graph.getVertex(networkInputs.get(k)).getVertexIndex(), k);
        }
        GraphVertex[] vertices = graph.getVertices();
        List<Node> nodes = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex v = vertices[index];
            if (v.isInputVertex()) {
                continue;
            }
            VertexIndices[] from = v.getInputVertices();
            int[] in = new int[from.length];
            for (int k = 0; k < from.length; k++) {
                Integer slot = slotOf.get(from[k].getVertexIndex());
                if (slot == null) {
                    throw new IllegalStateException("vertex " + v.getVertexName() + " precedes its input in the "
                            + "topological order");
                }
                in[k] = slot;
            }
            slotOf.put(index, networkInputs.size() + nodes.size());
            Forward forward = (x, mgr) -> {
                v.setInputs(x);
                if (v instanceof LayerVertex) {
                    ((LayerVertex) v).applyPreprocessorAndSetInput(mgr);
                }
                return v.doForward(false, mgr);
            };
            nodes.add(new Node(v.hasLayer() ? v.getLayer() : null, in, forward, v.getClass().getSimpleName()));
        }
        long seed = graph.getConfiguration().getDefaultConfiguration().getSeed();
        return new ForwardPlan(networkInputs.size(), nodes, seed, graph::clear);
    }

    /** Why LSUV leaves a layer alone, or null if it rescales the layer's weights. */
    static String skipReason(Layer layer) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        if (!(conf instanceof BaseLayer)) {
            return "no weights LSUV rescales (" + conf.getClass().getSimpleName() + ")";
        }
        if (layer.numParams() == 0 || !layer.paramTable().containsKey("W")) {
            return "no weight parameter W (" + conf.getClass().getSimpleName() + ")";
        }
        return null;
    }

    @FunctionalInterface
    interface Forward {
        INDArray apply(INDArray[] inputs, LayerWorkspaceMgr mgr);
    }

    /**
     * One layer or vertex in forward order (the order of {@code LayerInfo.layers(model)}, which names it);
     * {@code inputs} are slots of the activation table.
     */
    static final class Node {
        final String type;
        final Layer layer;
        final int[] inputs;
        final Forward forward;
        final String skipReason;

        Node(Layer layer, int[] inputs, Forward forward, String vertexType) {
            this.layer = layer;
            this.type = layer == null ? vertexType : layer.conf().getLayer().getClass().getSimpleName();
            this.inputs = inputs;
            this.forward = forward;
            this.skipReason = layer == null ? null : skipReason(layer);
        }
    }
}
