package org.dl4jinit.ui;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.storage.HealthRecord;
import org.dl4jinit.storage.HealthStaticInfo;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The receiving JVM of {@link RemoteHealthRecordsTest}: starts DL4J's UI server on a free port with the remote
 * listener enabled, prints {@code PORT <port>}, waits until a session's static info and the expected number of
 * health records arrived (or a timeout), prints what it holds — {@code STATIC}, one {@code RECORD} line per
 * update with its encoding in Base64, {@code COUNT}, what its Gradient Health page's data endpoint reports
 * ({@code PAGE}) — then {@code DONE}, and exits.
 *
 * <p>Arguments: session id, expected record count, timeout in seconds.
 */
public final class RemoteReceiverMain {

    private RemoteReceiverMain() {
    }

    /**
     * What this JVM's Gradient Health page reports for the session once the UI server's event thread indexed the
     * records: {@code PAGE records=<n> layers=<verdict>,<verdict>…} (or the last answer at the deadline).
     */
    @SuppressWarnings("unchecked")
    static String page(int port, String session, int expected, long deadline) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port + "/health/data?session="
                + URLEncoder.encode(session, StandardCharsets.UTF_8));
        String line = "PAGE none";
        do {
            String body = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            Map<String, Object> json = new ObjectMapper().readValue(body, Map.class);
            if (Boolean.TRUE.equals(json.get("found"))) {
                List<Map<String, Object>> layers = (List<Map<String, Object>>) json.get("layers");
                line = "PAGE records=" + json.get("records") + " layers=" + layers.stream()
                        .map(l -> String.valueOf(l.get("verdict"))).collect(Collectors.joining(","));
                if (((Number) json.get("records")).intValue() >= expected) {
                    return line;
                }
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        return line;
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
                String what = p instanceof HealthRecord ? ((HealthRecord) p).report(null).iteration() + " "
                        + Base64.getEncoder().encodeToString(p.encode()) : "other " + p.getClass().getName();
                System.out.println("RECORD " + worker + " " + what);
            }
        }
        System.out.println("COUNT " + (workers.isEmpty() ? 0 : storage.getNumUpdateRecordsFor(session)));
        System.out.println(page(server.getPort(), session, expected, deadline));
        System.out.println("DONE");
        System.out.flush();
        VertxUIServer.stopInstance();
        System.exit(0);
    }
}
