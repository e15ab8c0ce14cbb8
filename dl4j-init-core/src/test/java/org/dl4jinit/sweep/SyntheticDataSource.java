package org.dl4jinit.sweep;

import java.util.Properties;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The must-show synthetic data as an Arbiter {@link DataSource} (no-arg constructor, configured by properties). */
public final class SyntheticDataSource implements DataSource {

    private static final long serialVersionUID = 1L;

    private transient SweepData data;

    @Override
    public void configure(Properties properties) {
        data = SweepFixtures.sweepData();
    }

    @Override
    public Object trainData() {
        return data.trainData(null);
    }

    @Override
    public Object testData() {
        return data.testData(null);
    }

    @Override
    public Class<?> getDataType() {
        return DataSetIterator.class;
    }
}
