package org.dl4jinit.sweep;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.GraphConfiguration;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.deeplearning4j.arbiter.task.TaskListener;
import org.deeplearning4j.datasets.iterator.AsyncShieldDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.init.NetworkInit;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.MemoryWorkspaceManager;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Arbiter {@link TaskCreator} for sweeps over initializers. Each task builds the candidate
 * ({@code MultiLayerNetwork} from a {@link DL4JConfiguration}, {@code ComputationGraph} from a
 * {@link GraphConfiguration}), runs LSUV on the first training batch if a layer carries {@link LsuvInit}, lets
 * the {@link TaskListener} prepare the model (e.g. {@link PruningTaskListener}), trains {@code numEpochs}
 * passes over the training data and scores it.
 *
 * <p>Every candidate trains on the same batches in the same order: the training iterator is a fresh one from
 * the {@link DataProvider} ({@link SweepData} creates one per call), and LSUV takes its batch (the first
 * training batch) from a second fresh iterator, so the LSUV candidates' training iterator is never advanced
 * or reset before training.
 *
 * <p>Every candidate is recorded, once, as a {@link SweepResult}: COMPLETED with its finite score; PRUNED when a
 * {@link CandidatePrunedException} stopped it (Arbiter sees status Cancelled and a null score, so it never
 * becomes Arbiter's best either, and genetic search skips it); CRASHED with the exception text for anything else,
 * or with "non-finite score: NaN ..." when training finished with a NaN or infinite score (Arbiter: Failed, null
 * score). A {@link VirtualMachineError} (e.g. out of memory) is rethrown, not recorded (and stops an
 * {@link InitializerSweep}, whose {@code run()} rethrows it); an interrupted
 * candidate restores the thread's interrupt flag and ends with a {@link CancellationException}. Unlike
 * Arbiter's own task creators it does not sleep 2 s after every candidate.
 */
public final class SweepTaskCreator implements TaskCreator {

    private final TaskListener taskListener;
    private final Consumer<SweepResult> sink;
    private final AtomicReference<VirtualMachineError> fatal = new AtomicReference<>();

    /**
     * @param taskListener prepares each model before training, or null
     * @param sink         receives each candidate's result (called from the runner's worker threads)
     */
    public SweepTaskCreator(TaskListener taskListener, Consumer<SweepResult> sink) {
        this.taskListener = taskListener;
        this.sink = Spaces.notNull("sink", sink);
    }

    /** @return the first {@link VirtualMachineError} a candidate threw, or null; {@link InitializerSweep} stops on it */
    VirtualMachineError fatal() {
        return fatal.get();
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider,
            ScoreFunction scoreFunction, List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return () -> run(candidate, dataProvider, scoreFunction);
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
            Properties dataSourceProperties, ScoreFunction scoreFunction, List<StatusListener> statusListeners,
            IOptimizationRunner runner) {
        return () -> {
            DataSource ds = dataSource.getDeclaredConstructor().newInstance();
            if (dataSourceProperties != null) {
                ds.configure(dataSourceProperties);
            }
            return run(candidate, new DataSourceProvider(ds), scoreFunction);
        };
    }

    private OptimizationResult run(Candidate candidate, DataProvider data, ScoreFunction scoreFunction) {
        long start = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Description d = Description.UNBUILT;
        Model model = null;
        Map<String, Object> params = candidate.getDataParameters();
        try {
            Object value = candidate.getValue();
            int epochs;
            List<Layer> layers;
            if (value instanceof DL4JConfiguration) {
                DL4JConfiguration c = (DL4JConfiguration) value;
                requireNoEarlyStopping(c.getEarlyStoppingConfiguration());
                epochs = c.getNumEpochs();
                layers = ModelType.layers(c.getMultiLayerConfiguration());
                d = Description.of(layers);
                model = NetworkInit.init(new MultiLayerNetwork(c.getMultiLayerConfiguration()));
            } else if (value instanceof GraphConfiguration) {
                GraphConfiguration c = (GraphConfiguration) value;
                requireNoEarlyStopping(c.getEarlyStoppingConfiguration());
                epochs = c.getNumEpochs();
                layers = ModelType.layers(c.getConfiguration());
                d = Description.of(layers);
                model = NetworkInit.init(new ComputationGraph(c.getConfiguration()));
            } else {
                throw new IllegalArgumentException("candidate value must be a DL4JConfiguration (MultiLayerSpace) or "
                        + "a GraphConfiguration (ComputationGraphSpace), was "
                        + (value == null ? "null" : value.getClass().getName()));
            }
            LsuvInit lsuv = lsuvMarker(layers);
            if (lsuv != null) {
                // the LSUV batch comes from an iterator of its own, so the training iterator below starts exactly
                // where every other candidate's does (resetting a shuffling iterator would start its next pass)
                lsuv.lsuv().apply(model, firstBatch(iterator("training", data.trainData(params))));
            }
            // no async prefetch: a pruned fit() ends by an exception, which would strand DL4J's prefetch thread
            DataSetIterator train = new AsyncShieldDataSetIterator(iterator("training", data.trainData(params)));
            if (taskListener != null) {
                model = taskListener.preProcess(model, candidate);
            }
            for (int e = 0; e < epochs; e++) {
                if (e > 0 || !train.hasNext()) {
                    train.reset();
                }
                if (model instanceof MultiLayerNetwork) {
                    ((MultiLayerNetwork) model).fit(train);
                } else {
                    ((ComputationGraph) model).fit(train);
                }
            }
            double score = scoreFunction.score(model, data, params);
            if (taskListener != null) {
                taskListener.postProcess(model, candidate);
            }
            if (!Double.isFinite(score)) {
                // a NaN would reach Arbiter as a number (genetic search would breed from it); no score instead
                String text = "non-finite score: " + score + " (training diverged or the score function failed)";
                sink.accept(new SweepResult(candidate.getIndex(), d.initializer, d.activation, d.layers,
                        CandidateOutcome.CRASHED, verdict(model), null, text, Double.NaN, iterations(model),
                        millis(t0)));
                return result(candidate, null, CandidateStatus.Failed, start, text);
            }
            SweepResult r = new SweepResult(candidate.getIndex(), d.initializer, d.activation, d.layers,
                    CandidateOutcome.COMPLETED, verdict(model), null, null, score, iterations(model), millis(t0));
            sink.accept(r);
            return result(candidate, score, CandidateStatus.Complete, start, null);
        } catch (VirtualMachineError e) {
            // out of memory, stack overflow, internal errors: not a property of the candidate; let them surface
            fatal.compareAndSet(null, e);
            throw e;
        } catch (Throwable t) {
            if (interrupted(t)) {
                // the sweep is being stopped (the runner was shut down): not a crash of this candidate
                Thread.currentThread().interrupt();
                CancellationException c = new CancellationException("candidate " + candidate.getIndex()
                        + " was interrupted");
                c.initCause(t);
                throw c;
            }
            CandidatePrunedException pruned = pruned(t);
            if (pruned != null) {
                sink.accept(new SweepResult(candidate.getIndex(), d.initializer, d.activation, d.layers,
                        CandidateOutcome.PRUNED, Verdict.FAILING, pruned.violation(), null, Double.NaN,
                        pruned.iteration(), millis(t0)));
                return result(candidate, null, CandidateStatus.Cancelled, start, pruned.getMessage());
            }
            String text = text(t);
            sink.accept(new SweepResult(candidate.getIndex(), d.initializer, d.activation, d.layers,
                    CandidateOutcome.CRASHED, model == null ? null : verdict(model), null, text, Double.NaN,
                    model == null ? 0 : iterations(model), millis(t0)));
            return result(candidate, null, CandidateStatus.Failed, start, text);
        } finally {
            releaseWorkspaces();
        }
    }

    /**
     * Destroys the calling thread's ND4J workspaces, which free their memory at once, so that a pooled thread does
     * not keep the workspaces of the last network it trained. Not {@code destroyAllWorkspacesForCurrentThread()}:
     * that ends with {@code System.gc()}, a full collection after every candidate that stops every other
     * candidate training in the JVM (measured in docs/benchmarks.md, "Search on Spark").
     */
    static void releaseWorkspaces() {
        MemoryWorkspaceManager workspaces = Nd4j.getWorkspaceManager();
        for (MemoryWorkspace w : workspaces.getAllWorkspacesForCurrentThread()) {
            workspaces.destroyWorkspace(w);
        }
    }

    private static DataSet firstBatch(DataSetIterator it) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException("training data must not be empty: LSUV needs a first batch");
        }
        return it.next();
    }

    /** Whether t is (or was caused by) an interrupt, or the worker thread has been interrupted. */
    static boolean interrupted(Throwable t) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof InterruptedException || c instanceof InterruptedIOException
                    || c instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    static void requireNoEarlyStopping(Object esConfig) {
        if (esConfig != null) {
            throw new IllegalArgumentException("early stopping configurations are not supported by sweeps: set "
                    + "numEpochs on the space (the pruning rule stops hopeless candidates early)");
        }
    }

    private static OptimizationResult result(Candidate candidate, Double score, CandidateStatus status, long start,
            String text) {
        CandidateInfo ci = new CandidateInfo(candidate.getIndex(), status, score, start, start,
                System.currentTimeMillis(), candidate.getFlatParameters(), text);
        return new OptimizationResult(candidate, score, candidate.getIndex(), null, ci, null);
    }

    static DataSetIterator iterator(String what, Object data) {
        if (data instanceof DataSetIterator) {
            return (DataSetIterator) data;
        }
        throw new IllegalArgumentException(what + " data must be a DataSetIterator, was "
                + (data == null ? "null" : data.getClass().getName()));
    }

    static LsuvInit lsuvMarker(List<Layer> layers) {
        for (Layer l : layers) {
            if (l instanceof BaseLayer && ((BaseLayer) l).getWeightInitFn() instanceof LsuvInit) {
                return (LsuvInit) ((BaseLayer) l).getWeightInitFn();
            }
        }
        return null;
    }

    static Verdict verdict(Model model) {
        GradientHealthListener health = health(model);
        HealthReport r = health == null ? null : health.lastReport();
        return r == null ? null : r.verdict();
    }

    /** The health listener {@link PruningTaskListener} attached, or null. */
    private static GradientHealthListener health(Model model) {
        Collection<TrainingListener> ls = model instanceof MultiLayerNetwork
                ? ((MultiLayerNetwork) model).getListeners()
                : model instanceof ComputationGraph ? ((ComputationGraph) model).getListeners() : null;
        if (ls != null) {
            for (TrainingListener l : ls) {
                if (l instanceof GradientHealthListener) {
                    return (GradientHealthListener) l;
                }
            }
        }
        return null;
    }

    private static int iterations(Model model) {
        if (model instanceof MultiLayerNetwork) {
            return ((MultiLayerNetwork) model).getIterationCount();
        }
        return model instanceof ComputationGraph ? ((ComputationGraph) model).getIterationCount() : 0;
    }

    static CandidatePrunedException pruned(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CandidatePrunedException) {
                return (CandidatePrunedException) c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    static String text(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString());
        int depth = 0;
        for (Throwable c = t.getCause(); c != null && c != t && depth < 5; c = c.getCause(), depth++) {
            sb.append("; caused by ").append(c);
        }
        return sb.toString();
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000L;
    }

    /** What a built candidate is, for the report. */
    static final class Description {
        static final Description UNBUILT = new Description("(not built)", "-", 0);

        final String initializer;
        final String activation;
        final int layers;

        private Description(String initializer, String activation, int layers) {
            this.initializer = initializer;
            this.activation = activation;
            this.layers = layers;
        }

        static Description of(List<Layer> layers) {
            Set<String> inits = new LinkedHashSet<>();
            Set<String> acts = new LinkedHashSet<>();
            for (Layer l : layers) {
                if (l instanceof BaseLayer && !(l instanceof BaseOutputLayer)) {
                    IWeightInit w = ((BaseLayer) l).getWeightInitFn();
                    inits.add(String.valueOf(w));
                    acts.add(String.valueOf(((BaseLayer) l).getActivationFn()));
                }
            }
            if (inits.isEmpty()) {
                for (Layer l : layers) {
                    if (l instanceof BaseLayer) {
                        inits.add(String.valueOf(((BaseLayer) l).getWeightInitFn()));
                        acts.add(String.valueOf(((BaseLayer) l).getActivationFn()));
                    }
                }
            }
            return new Description(String.join(" + ", inits), String.join(" + ", acts), layers.size());
        }
    }

    /** A {@link DataSource} seen as a {@link DataProvider}. */
    private static final class DataSourceProvider implements DataProvider {
        private static final long serialVersionUID = 1L;
        private final transient DataSource source;

        DataSourceProvider(DataSource source) {
            this.source = source;
        }

        @Override
        public Object trainData(Map<String, Object> dataParameters) {
            return source.trainData();
        }

        @Override
        public Object testData(Map<String, Object> dataParameters) {
            return source.testData();
        }

        @Override
        public Class<?> getDataType() {
            return source.getDataType();
        }
    }
}
