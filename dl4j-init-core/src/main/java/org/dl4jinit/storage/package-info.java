/**
 * Health reports in DL4J's {@code StatsStorage}: {@link org.dl4jinit.storage.HealthRecorder} subscribes to a
 * {@link org.dl4jinit.health.GradientHealthListener} and writes {@link org.dl4jinit.storage.HealthRecord}s (one
 * per checked iteration, the codec of a {@link org.dl4jinit.health.HealthReport}) after a
 * {@link org.dl4jinit.storage.HealthStaticInfo} (once per session, worker and model, so the session is listed
 * and its layers are described). Both are {@link org.deeplearning4j.core.storage.Persistable}s with a compact,
 * versioned binary encoding: they travel through {@code InMemoryStatsStorage}, {@code FileStatsStorage}
 * (restored by no-arg constructor and {@code decode}) and {@code RemoteUIStatsStorageRouter}.
 *
 * <p>This package depends on {@code org.dl4jinit.health}, never the other way round: the listener publishes
 * reports to subscribers and knows nothing of storage.
 */
package org.dl4jinit.storage;
