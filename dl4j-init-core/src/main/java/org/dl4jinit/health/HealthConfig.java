package org.dl4jinit.health;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The immutable configuration of a {@link GradientHealthListener}. Built by {@link Builder}, which rejects bad
 * values with an {@link IllegalArgumentException} naming parameter, value and rule; nothing is fixed up
 * silently.
 */
public final class HealthConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The default {@link Builder#summaryEvery(int)}: a summary line every 500 checked iterations. */
    public static final int DEFAULT_SUMMARY_EVERY = 500;

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
    private final List<HealthSubscriber> subscribers;
    private final int summaryEvery;
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
        this.subscribers = List.copyOf(b.subscribers);
        this.summaryEvery = b.summaryEvery;
        this.clock = b.clock;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration, to derive another (e.g. with one more subscriber) */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.frequency = frequency;
        b.warmup = warmup;
        b.failAfter = failAfter;
        b.historySize = historySize;
        b.thresholds = thresholds;
        b.onWarning = EnumSet.noneOf(HealthPolicy.class);
        b.onWarning.addAll(onWarning);
        b.onFailing = EnumSet.noneOf(HealthPolicy.class);
        b.onFailing.addAll(onFailing);
        b.callback = callback;
        b.subscribers.addAll(subscribers);
        b.summaryEvery = summaryEvery;
        b.clock = clock;
        return b;
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

    /** @return the subscribers, in the order they receive each report (before LOG, CALLBACK and THROW) */
    public List<HealthSubscriber> subscribers() {
        return subscribers;
    }

    /** @return while findings persist, a LOG summary line at most every this many checked iterations; 0: never */
    public int summaryEvery() {
        return summaryEvery;
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
        private final List<HealthSubscriber> subscribers = new ArrayList<>();
        private int summaryEvery = DEFAULT_SUMMARY_EVERY;
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
         * Adds a subscriber: it receives every report, in the order subscribed, before logging, the callback and
         * THROW. E.g. {@code subscribe(HealthRecorder.to(statsStorage))} records every checked iteration for the
         * UI.
         *
         * @param s the subscriber, not null
         * @return this builder
         */
        public Builder subscribe(HealthSubscriber s) {
            if (s == null) {
                throw new IllegalArgumentException("subscriber must not be null");
            }
            this.subscribers.add(s);
            return this;
        }

        /**
         * @param checkedIterations while findings persist, log (policy LOG) one summary line at most every this
         *                          many checked iterations, &gt;= 0 (default 500; 0: never)
         * @return this builder
         */
        public Builder summaryEvery(int checkedIterations) {
            if (checkedIterations < 0) {
                throw new IllegalArgumentException("summaryEvery must be >= 0 checked iterations, was "
                        + checkedIterations);
            }
            this.summaryEvery = checkedIterations;
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
