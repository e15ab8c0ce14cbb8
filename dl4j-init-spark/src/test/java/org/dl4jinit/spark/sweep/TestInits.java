package org.dl4jinit.spark.sweep;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkEnv;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Initializers that make a candidate fail in the ways a search on Spark must survive. */
final class TestInits {

    private TestInits() {
    }

    /** Base: equal by class, named by class. */
    abstract static class Named implements IWeightInit {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean equals(Object o) {
            return o != null && o.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "()";
        }
    }

    /** Throws: the trainer records the candidate as CRASHED inside its task. */
    public static final class Exploding extends Named {
        private static final long serialVersionUID = 1L;

        @Override
        public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
            throw new IllegalStateException("boom: this initializer always fails");
        }
    }

    /** Throws an OutOfMemoryError, which Spark would answer by ending the executor's JVM. */
    public static final class OutOfMemory extends Named {
        private static final long serialVersionUID = 1L;

        @Override
        public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
            throw new OutOfMemoryError("test: no memory for this candidate");
        }
    }

    /**
     * Counts its calls in this JVM, then fails its task outside the trainer (an interrupted training, which the
     * trainer does not turn into a result), so that Spark would retry the task.
     */
    public static final class FailsTask extends Named {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
            CALLS.incrementAndGet();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("test: the task's thread was interrupted");
        }
    }

    /**
     * Ends the executor JVM it runs in, as a native crash would (on the driver, where the one-JVM search runs it, it
     * throws instead).
     */
    public static final class HaltsExecutor extends Named {
        private static final long serialVersionUID = 1L;

        @Override
        public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
            SparkEnv env = SparkEnv.get();
            if (env != null && !"driver".equals(env.executorId())) {
                Runtime.getRuntime().halt(134);
            }
            throw new IllegalStateException("test: this initializer ends any executor JVM it runs in");
        }
    }
}
