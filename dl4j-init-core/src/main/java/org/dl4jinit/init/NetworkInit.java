package org.dl4jinit.init;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.util.GraphIndices;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code net.init()} whose initializer errors name the layer.
 *
 * <p>DL4J gives {@code IWeightInit.init} no layer, and {@code MultiLayerNetwork.init()} and
 * {@code ComputationGraph.init()} let an initializer's exception through as it is. Inside {@code init} an
 * initializer of this package can tell the layer type and weight from the call stack, so on a plain
 * {@code net.init()} its message already ends with, e.g., "(DL4J was initializing the depthwise FLOAT weight
 * [3, 3, 8, 2] of a DepthwiseConvolution2D)". The index and name of the layer are known only to code that holds
 * the network: {@link #init(MultiLayerNetwork)} and {@link #init(ComputationGraph)} call {@code init()} and, if
 * an {@link IllegalArgumentException} comes out, find the layer whose parameters cannot be initialized by running
 * each layer's own DL4J parameter initializer again on a scratch array, and rethrow the error with the layer
 * named: "layer 2 ("conv2"): ...". Nothing is done twice unless initialization failed. Configurations read from
 * JSON need no help: Jackson's error already names the layer ({@code confs[2]} or the vertex name).
 */
public final class NetworkInit {

    private NetworkInit() {
    }

    /**
     * Initializes the network as {@code net.init()} does.
     *
     * @param net the network
     * @return {@code net}, initialized
     * @throws IllegalArgumentException an initializer's error, prefixed with the failing layer's index and name
     *                                  when it can be found
     */
    public static MultiLayerNetwork init(MultiLayerNetwork net) {
        try {
            net.init();
            return net;
        } catch (IllegalArgumentException e) {
            Map<String, NeuralNetConfiguration> layers = new LinkedHashMap<>();
            int n = net.getLayerWiseConfigurations().getConfs().size();
            for (int i = 0; i < n; i++) {
                NeuralNetConfiguration conf = net.getLayerWiseConfigurations().getConf(i);
                layers.put("layer " + i + " (\"" + conf.getLayer().getLayerName() + "\")", conf);
            }
            throw locate(e, layers, net.getLayerWiseConfigurations().getDataType());
        }
    }

    /**
     * Initializes the graph as {@code graph.init()} does.
     *
     * @param graph the graph
     * @return {@code graph}, initialized
     * @throws IllegalArgumentException an initializer's error, prefixed with the failing vertex's name when it
     *                                  can be found
     */
    public static ComputationGraph init(ComputationGraph graph) {
        try {
            graph.init();
            return graph;
        } catch (IllegalArgumentException e) {
            // in the order graph.init() initializes them, so that the first failing vertex is the one that failed
            Map<String, NeuralNetConfiguration> layers = new LinkedHashMap<>();
            GraphIndices indices = graph.calculateIndices();
            for (int index : indices.getTopologicalSortOrder()) {
                String name = indices.getIdxToName().get(index);
                GraphVertex vertex = graph.getConfiguration().getVertices().get(name);
                if (vertex instanceof LayerVertex) {
                    layers.put("vertex \"" + name + "\"", ((LayerVertex) vertex).getLayerConf());
                }
            }
            throw locate(e, layers, graph.getConfiguration().getDataType());
        }
    }

    /**
     * {@code e} with the first layer named in front whose DL4J parameter initializer throws an
     * {@link IllegalArgumentException} on a scratch array (layers are tried in the order {@code init()} takes them);
     * {@code e} itself if none does.
     */
    private static IllegalArgumentException locate(IllegalArgumentException e,
            Map<String, NeuralNetConfiguration> layers, DataType type) {
        for (Map.Entry<String, NeuralNetConfiguration> layer : layers.entrySet()) {
            NeuralNetConfiguration conf = layer.getValue();
            try {
                long params = conf.getLayer().initializer().numParams(conf);
                if (params > 0) {
                    INDArray scratch = Nd4j.create(type, params);
                    conf.getLayer().initializer().init(conf, scratch, true);
                }
            } catch (IllegalArgumentException again) {
                // e's message, which came through the layer's instantiate() and so names the layer type
                return new IllegalArgumentException(layer.getKey() + ": " + e.getMessage(), e);
            } catch (RuntimeException other) {
                return e;
            }
        }
        return e;
    }
}
