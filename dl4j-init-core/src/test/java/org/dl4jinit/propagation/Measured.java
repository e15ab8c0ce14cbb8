package org.dl4jinit.propagation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The figures of an initialized network measured exhaustively in double precision: one training-mode forward
 * pass (dropout and batch statistics as in {@code fit}) and one backward pass, every value of every layer; the
 * reference the predictions are compared with (the listener samples its counts and accumulates in float).
 */
final class Measured {

    /** Per layer name: {activation mean, activation std, zero fraction, weight-gradient RMS}. */
    final Map<String, double[]> layers = new HashMap<>();

    private Measured() {
    }

    static Measured of(Model model, DataSet batch) {
        Measured m = new Measured();
        Nd4j.getRandom().setSeed(7);
        if (model instanceof MultiLayerNetwork) {
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            List<INDArray> acts = net.feedForward(batch.getFeatures(), true);
            for (int i = 0; i < net.getnLayers(); i++) {
                m.layers.put(Integer.toString(i), activation(acts.get(i + 1)));
            }
            net.setInput(batch.getFeatures());
            net.setLabels(batch.getLabels());
            net.computeGradientAndScore();
            gradients(m, net.gradient().gradientForVariable());
        } else {
            ComputationGraph g = (ComputationGraph) model;
            Map<String, INDArray> acts = g.feedForward(new INDArray[] {batch.getFeatures()}, true, false);
            for (Map.Entry<String, INDArray> e : acts.entrySet()) {
                m.layers.put(e.getKey(), activation(e.getValue()));
            }
            g.setInputs(batch.getFeatures());
            g.setLabels(batch.getLabels());
            g.computeGradientAndScore();
            gradients(m, g.gradient().gradientForVariable());
        }
        return m;
    }

    private static double[] activation(INDArray a) {
        double[] x = a.castTo(DataType.DOUBLE).dup().data().asDouble();
        double s = 0;
        double zeros = 0;
        for (double v : x) {
            s += v;
            zeros += v == 0 ? 1 : 0;
        }
        double mean = s / x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(ss / x.length), zeros / x.length, Double.NaN};
    }

    private static void gradients(Measured m, Map<String, INDArray> grads) {
        for (Map.Entry<String, INDArray> e : grads.entrySet()) {
            String key = e.getKey();
            if (!key.endsWith("_W")) {
                continue;
            }
            String layer = key.substring(0, key.length() - 2);
            double[] g = e.getValue().castTo(DataType.DOUBLE).dup().data().asDouble();
            double ss = 0;
            for (double v : g) {
                ss += v * v;
            }
            m.layers.computeIfAbsent(layer, k -> new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN})[3] =
                    Math.sqrt(ss / g.length);
        }
    }

    /** The mean over several measurements of one figure of one layer. */
    static double mean(List<Measured> runs, String layer, int figure) {
        double s = 0;
        for (Measured r : runs) {
            s += r.layers.get(layer)[figure];
        }
        return s / runs.size();
    }
}
