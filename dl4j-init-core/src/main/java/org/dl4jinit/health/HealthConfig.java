package org.dl4jinit.health;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.deeplearning4j.core.storage.StatsStorageRouter;

/**
 * The immutable configuration of a {@link GradientHealthListener}. Built by {@link Builder}, which rejects bad
 * values with an {@link IllegalArgumentException} naming parameter, value and rule; nothing is fixed up
 * silently.
 */
public final class HealthConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A serializable millisecond clock. */
    @FunctionalInterface
    public interface Clock extends LongSupplier, Serializable {
    }

    private final int frequency;
    private final int warmup;
    private final int failAfter;
    private final int historySize;
    private final HealthThresholds thresholds;
    private final Set<HealthPolicy> onWarning;
    private final Set<HealthPolicy> onFailing;
    private final HealthCallback callback;
    private final transient StatsStorageRouter router;
    private final Clock clock;

    private HealthConfig(Builder b) {
        this.frequency = b.frequency;
        this.warmup = b.warmup;
        this.failAfter = b.failAfter;
        this.historySize = b.historySize;
        this.thresholds = b.thresholds;
        this.onWarning = Collections.unmodifiableSet(EnumSet.copyOf(b.onWarning));
        this.onFailing = Collections.unmodifiableSet(EnumSet.copyOf(b.onFailing));
        this.callback = b.callback;
        this.router = b.router;
        this.clock = b.clock;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return check every n-th iteration (1: every iteration) */
    public int frequency() {
        return frequency;
    }

    /** @return iterations at the start of training whose findings are not reported */
    public int warmup() {
        return warmup;
    }

    /** @return consecutive checked iterations a failure must persist before it is reported as FAILING */
    public int failAfter() {
        return failAfter;
    }

    /** @return how many reports {@link GradientHealthListener#history()} keeps */
    public int historySize() {
        return historySize;
    }

    /** @return the thresholds */
    public HealthThresholds thresholds() {
        return thresholds;
    }

    /** @return what to do with a WARNING iteration */
    public Set<HealthPolicy> onWarning() {
        return onWarning;
    }

    /** @return what to do with a FAILING iteration */
    public Set<HealthPolicy> onFailing() {
        return onFailing;
    }

    /** @return the callback, or null */
    public HealthCallback callback() {
        return callback;
    }

    /** @return the router records are written to, or null (not serialized) */
    public StatsStorageRouter router() {
        return router;
    }

    /** @return the clock for record timestamps */
    public Clock clock() {
        return clock;
    }

    /** Builds a {@link HealthConfig}. */
    public static final class Builder {
        private int frequency = 1;
        private int warmup = 0;
        private int failAfter = 1;
        private int historySize = 1000;
        private HealthThresholds thresholds = HealthThresholds.defaults();
        private Set<HealthPolicy> onWarning = EnumSet.of(HealthPolicy.LOG);
        private Set<HealthPolicy> onFailing = EnumSet.of(HealthPolicy.LOG);
        private HealthCallback callback;
        private StatsStorageRouter router;
        private Clock clock = System::currentTimeMillis;

        Builder() {
        }

        /**
         * @param everyNth check every n-th iteration, &gt;= 1 (default 1: every iteration)
         * @return this builder
         */
        public Builder frequency(int everyNth) {
            if (everyNth < 1) {
                throw new IllegalArgumentException("frequency must be >= 1 (check every n-th iteration), was "
                        + everyNth);
            }
            this.frequency = everyNth;
            return this;
        }

        /**
         * @param iterations findings of the first {@code iterations} iterations are not reported, &gt;= 0
         *                   (default 0); NaN/Inf are always reported
         * @return this builder
         */
        public Builder warmup(int iterations) {
            if (iterations < 0) {
                throw new IllegalArgumentException("warmup must be >= 0 iterations, was " + iterations);
            }
            this.warmup = iterations;
            return this;
        }

        /**
         * @param consecutive checked iterations a failure must persist to be reported as FAILING (before that it
         *                    is a WARNING), &gt;= 1 (default 1)
         * @return this builder
         */
        public Builder failAfter(int consecutive) {
            if (consecutive < 1) {
                throw new IllegalArgumentException("failAfter must be >= 1 consecutive iterations, was "
                        + consecutive);
            }
            this.failAfter = consecutive;
            return this;
        }

        /**
         * @param reports how many recent reports to keep, &gt;= 1 (default 1000)
         * @return this builder
         */
        public Builder historySize(int reports) {
            if (reports < 1) {
                throw new IllegalArgumentException("historySize must be >= 1, was " + reports);
            }
            this.historySize = reports;
            return this;
        }

        /**
         * @param t the thresholds, not null
         * @return this builder
         */
        public Builder thresholds(HealthThresholds t) {
            if (t == null) {
                throw new IllegalArgumentException("thresholds must not be null");
            }
            this.thresholds = t;
            return this;
        }

        /**
         * @param policies what to do with a WARNING iteration (none: nothing)
         * @return this builder
         */
        public Builder onWarning(HealthPolicy... policies) {
            this.onWarning = policySet("onWarning", policies);
            return this;
        }

        /**
         * @param policies what to do with a FAILING iteration (none: nothing)
         * @return this builder
         */
        public Builder onFailing(HealthPolicy... policies) {
            this.onFailing = policySet("onFailing", policies);
            return this;
        }

        /**
         * @param c receives reports under {@link HealthPolicy#CALLBACK}, not null
         * @return this builder
         */
        public Builder callback(HealthCallback c) {
            if (c == null) {
                throw new IllegalArgumentException("callback must not be null");
            }
            this.callback = c;
            return this;
        }

        /**
         * Records every checked iteration ({@code HealthRecord}, after one {@code HealthStaticInfo}) to a
         * StatsStorage or remote UI router.
         *
         * @param r the router, not null
         * @return this builder
         */
        public Builder record(StatsStorageRouter r) {
            if (r == null) {
                throw new IllegalArgumentException("record(router): router must not be null");
            }
            this.router = r;
            return this;
        }

        /**
         * @param c the clock for record timestamps, not null
         * @return this builder
         */
        public Builder clock(Clock c) {
            if (c == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            this.clock = c;
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException if CALLBACK is a policy but no callback is set
         */
        public HealthConfig build() {
            if ((onWarning.contains(HealthPolicy.CALLBACK) || onFailing.contains(HealthPolicy.CALLBACK))
                    && callback == null) {
                throw new IllegalArgumentException("policy CALLBACK needs a callback: call callback(...)");
            }
            return new HealthConfig(this);
        }

        private static Set<HealthPolicy> policySet(String name, HealthPolicy... policies) {
            if (policies == null) {
                throw new IllegalArgumentException(name + " policies must not be null");
            }
            Set<HealthPolicy> set = EnumSet.noneOf(HealthPolicy.class);
            for (HealthPolicy p : policies) {
                if (p == null) {
                    throw new IllegalArgumentException(name + " policies must not contain null");
                }
                set.add(p);
            }
            return set;
        }
    }
}
