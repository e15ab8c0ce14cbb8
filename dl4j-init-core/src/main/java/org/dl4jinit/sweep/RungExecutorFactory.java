package org.dl4jinit.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Opens {@link RungExecutor}s that run an {@link AshaSweep}'s jobs outside this JVM, by a target string, e.g.
 * {@code dl4j-init-spark}'s factory named {@code "spark"} whose targets are Spark master URLs ({@code local[2]},
 * {@code spark://host:7077}). Found with {@link ServiceLoader} (a {@code META-INF/services} entry of the module
 * that provides it), so a command line can offer a cluster without depending on that module: it looks the factory
 * up by {@link #find(String)}, checks the target with {@link #validate(String)} before any data is read, and
 * passes {@code t -> factory.open(target, concurrency, t)} to {@link AshaSweep.Builder#executor}.
 */
public interface RungExecutorFactory {

    /** @return the name users select it by, e.g. "spark" */
    String name();

    /**
     * Checks a target without connecting to it.
     *
     * @param target e.g. a Spark master URL
     * @throws IllegalArgumentException naming the value and the accepted forms if it is malformed
     */
    void validate(String target);

    /**
     * Connects to the target; the executor releases what it opened when the sweep closes it.
     *
     * @param target      a target {@link #validate} accepts
     * @param concurrency jobs at once, or 0 for as many as the target has slots
     * @param trainer     the sweep's trainer, shipped once to wherever jobs run
     * @return the executor
     * @throws IllegalArgumentException for a malformed target or a negative concurrency
     */
    RungExecutor open(String target, int concurrency, RungTrainer trainer);

    /**
     * @param name the factory's name
     * @return the factory of that name on the classpath, if any
     */
    static Optional<RungExecutorFactory> find(String name) {
        for (RungExecutorFactory f : ServiceLoader.load(RungExecutorFactory.class)) {
            if (f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** @return the names of the factories on the classpath */
    static List<String> available() {
        List<String> names = new ArrayList<>();
        for (RungExecutorFactory f : ServiceLoader.load(RungExecutorFactory.class)) {
            names.add(f.name());
        }
        return names;
    }
}
