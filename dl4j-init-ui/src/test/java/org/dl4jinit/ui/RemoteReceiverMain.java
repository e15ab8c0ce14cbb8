package org.dl4jinit.ui;

import java.util.Base64;
import java.util.List;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.storage.HealthRecord;
import org.dl4jinit.storage.HealthStaticInfo;

/**
 * The receiving JVM of {@link RemoteHealthRecordsTest}: starts DL4J's UI server on a free port with the remote
 * listener enabled, prints {@code PORT <port>}, waits until a session's static info and the expected number of
 * health records arrived (or a timeout), prints what it holds — {@code STATIC}, one {@code RECORD} line per
 * update with its encoding in Base64, {@code COUNT} — then {@code DONE}, and exits.
 *
 * <p>Arguments: session id, expected record count, timeout in seconds.
 */
public final class RemoteReceiverMain {

    private RemoteReceiverMain() {
    }

    public static void main(String[] args) throws Exception {
        String session = args[0];
        int expected = Integer.parseInt(args[1]);
        long deadline = System.currentTimeMillis() + 1000L * Long.parseLong(args[2]);
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        VertxUIServer server = VertxUIServer.getInstance(0, false, null);
        server.enableRemoteListener(storage, true);
        System.out.println("PORT " + server.getPort());
        System.out.flush();
        String type = HealthRecord.TYPE_ID;
        while (System.currentTimeMillis() < deadline) {
            boolean complete = storage.listSessionIDs().contains(session)
                    && storage.getNumUpdateRecordsFor(session) >= expected;
            if (complete) {
                break;
            }
            Thread.sleep(50);
        }
        Thread.sleep(300); // anything beyond the expected count would be a bug too
        List<String> workers = storage.listSessionIDs().contains(session) ? storage.listWorkerIDsForSession(session)
                : List.of();
        System.out.println("WORKERS " + String.join(",", workers));
        for (String worker : workers) {
            Persistable info = storage.getStaticInfo(session, type, worker);
            if (info instanceof HealthStaticInfo) {
                System.out.println("STATIC " + worker + " " + Base64.getEncoder().encodeToString(info.encode()));
            } else {
                System.out.println("STATIC " + worker + " " + (info == null ? "none" : info.getClass().getName()));
            }
            for (Persistable p : storage.getAllUpdatesAfter(session, type, worker, Long.MIN_VALUE)) {
                String what = p instanceof HealthRecord ? ((HealthRecord) p).iteration() + " "
                        + Base64.getEncoder().encodeToString(p.encode()) : "other " + p.getClass().getName();
                System.out.println("RECORD " + worker + " " + what);
            }
        }
        System.out.println("COUNT " + (workers.isEmpty() ? 0 : storage.getNumUpdateRecordsFor(session)));
        System.out.println("DONE");
        System.out.flush();
        VertxUIServer.stopInstance();
        System.exit(0);
    }
}
