/**
 * Health records for DL4J's {@code StatsStorage}: {@link org.dl4jinit.storage.HealthRecord} (one per checked
 * iteration) and {@link org.dl4jinit.storage.HealthStaticInfo} (once per session and worker, so the session is
 * listed). Both are {@link org.deeplearning4j.core.storage.Persistable}s with a compact binary encoding: they
 * travel through {@code InMemoryStatsStorage}, {@code FileStatsStorage} (restored by no-arg constructor and
 * {@code decode}) and {@code RemoteUIStatsStorageRouter}.
 */
package org.dl4jinit.storage;
