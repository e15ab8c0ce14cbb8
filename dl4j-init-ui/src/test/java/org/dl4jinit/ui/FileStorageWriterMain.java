package org.dl4jinit.ui;

import java.io.File;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.LayerHealth;
import org.dl4jinit.init.ZeroInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The writing JVM of the post-hoc test: trains a zero-initialized MLP with the health listener recording into a
 * {@link FileStatsStorage}, closes it, prints {@code LAYER <index> <verdict>} per layer of the last report and
 * {@code RECORDS <n>}, then {@code DONE}.
 *
 * <p>Arguments: storage file, session id, iterations.
 */
public final class FileStorageWriterMain {

    private FileStorageWriterMain() {
    }

    public static void main(String[] args) {
        File file = new File(args[0]);
        String session = args[1];
        int iterations = Integer.parseInt(args[2]);
        FileStatsStorage storage = new FileStatsStorage(file);
        GradientHealthListener listener = TestNets.listener(storage, session);
        MultiLayerNetwork net = TestNets.mlp(3, 32, Activation.TANH, new ZeroInit(), 3);
        net.setListeners(listener);
        DataSet d = TestNets.data(64, 3);
        for (int i = 0; i < iterations; i++) {
            net.fit(d);
        }
        for (LayerHealth l : listener.lastReport().layers()) {
            System.out.println("LAYER " + l.layer().index() + " " + l.verdict());
        }
        System.out.println("RECORDS " + storage.getNumUpdateRecordsFor(session));
        storage.close();
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
    }
}
