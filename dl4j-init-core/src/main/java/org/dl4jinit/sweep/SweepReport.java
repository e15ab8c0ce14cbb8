package org.dl4jinit.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dl4jinit.health.Violation;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * The result of an {@link InitializerSweep} or an {@link AshaSweep}: one {@link SweepResult} per candidate
 * (ordered by index), the winner, and the whole sweep's wall time; as a console table, CSV or JSON. For an
 * {@link AshaSweep} it also names the {@link Schedule}, and each candidate carries the rung it reached, its
 * score at each rung and why it stopped.
 *
 * <p>The winner is the best score among COMPLETED candidates (lowest if the score function minimizes, else
 * highest; ties go to the lower index). A PRUNED or CRASHED candidate has no score and can never win, nor can a
 * STOPPED one (its score is from a smaller budget).
 */
public final class SweepReport {

    private static final String[] COLUMNS = {"index", "initializer", "activation", "layers", "outcome", "verdict",
        "score", "iterations", "wall_ms", "reason_layer", "reason_condition", "reason_figure", "reason_value",
        "reason", "rung", "rung_scores"};

    private final List<SweepResult> results;
    private final boolean minimize;
    private final long wallMillis;
    private final String pruning;
    private final Schedule schedule;

    SweepReport(List<SweepResult> results, boolean minimize, long wallMillis, PruningRule rule) {
        this(results, minimize, wallMillis, rule, null);
    }

    SweepReport(List<SweepResult> results, boolean minimize, long wallMillis, PruningRule rule, Schedule schedule) {
        this.schedule = schedule;
        List<SweepResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingInt(SweepResult::index));
        this.results = List.copyOf(sorted);
        this.minimize = minimize;
        this.wallMillis = wallMillis;
        this.pruning = rule == null ? "off" : rule.toString();
    }

    /** @return the results, by candidate index */
    public List<SweepResult> results() {
        return results;
    }

    /** @return whether lower scores are better */
    public boolean minimize() {
        return minimize;
    }

    /** @return the wall time of the whole sweep in milliseconds */
    public long wallMillis() {
        return wallMillis;
    }

    /** @return the training iterations of all candidates together */
    public long iterations() {
        return results.stream().mapToLong(SweepResult::iterations).sum();
    }

    /** @return the {@link AshaSweep}'s schedule, or empty for an {@link InitializerSweep} */
    public Optional<Schedule> schedule() {
        return Optional.ofNullable(schedule);
    }

    /** @return the pruning rule's description, or "off" */
    public String pruning() {
        return pruning;
    }

    /** @return the best COMPLETED candidate with a finite score, if any */
    public Optional<SweepResult> winner() {
        SweepResult best = null;
        for (SweepResult r : results) {
            if (r.outcome() != CandidateOutcome.COMPLETED || !Double.isFinite(r.score())) {
                continue;
            }
            if (best == null || (minimize ? r.score() < best.score() : r.score() > best.score())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * @param outcome an outcome
     * @return how many candidates ended that way
     */
    public long count(CandidateOutcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** @return a fixed-width table for the console, with a summary line */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-5s %-44s %-10s %6s %-9s %-8s %10s %6s %4s %8s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "#", "initializer", "activation", "layers", "outcome", "verdict",
                "score", "iters", "rung", "wall ms", "reason"));
        for (SweepResult r : results) {
            sb.append(String.format(Locale.ROOT, fmt, r.index(), cut(r.initializer(), 44), cut(r.activation(), 10),
                    r.layers(), r.outcome(), r.verdict() == null ? "-" : r.verdict(),
                    Double.isNaN(r.score()) ? "-" : String.format(Locale.ROOT, "%.4f", r.score()), r.iterations(),
                    r.rung() < 0 ? "-" : r.rung(), r.wallMillis(), cut(r.reason(), 140)));
        }
        if (schedule == null) {
            sb.append(String.format(Locale.ROOT, "%d candidates: %d completed, %d pruned, %d crashed; pruning %s; "
                    + "wall time %d ms; winner: %s%n", results.size(), count(CandidateOutcome.COMPLETED),
                    count(CandidateOutcome.PRUNED), count(CandidateOutcome.CRASHED), pruning, wallMillis,
                    winner().map(SweepResult::label).orElse("none")));
        } else {
            sb.append(String.format(Locale.ROOT, "%d candidates: %d completed, %d stopped, %d pruned, %d crashed; "
                    + "%s; pruning %s; %d iterations; wall time %d ms; winner: %s%n", results.size(),
                    count(CandidateOutcome.COMPLETED), count(CandidateOutcome.STOPPED),
                    count(CandidateOutcome.PRUNED), count(CandidateOutcome.CRASHED), schedule, pruning, iterations(),
                    wallMillis, winner().map(SweepResult::label).orElse("none")));
        }
        return sb.toString();
    }

    /** @return RFC 4180 CSV with a header row; the reason's finding split into layer, condition, figure, value */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (SweepResult r : results) {
            Violation v = r.pruneReason();
            Object[] row = {r.index(), r.initializer(), r.activation(), r.layers(), r.outcome(),
                r.verdict() == null ? "" : r.verdict(), Double.isNaN(r.score()) ? "" : r.score(), r.iterations(),
                r.wallMillis(), v == null ? "" : v.where(), v == null ? "" : v.condition(),
                v == null ? "" : v.figure(),
                v == null ? "" : v.value(), r.reason(),
                r.rung() < 0 ? "" : r.rung(), rungScores(r)};
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(csv(String.valueOf(row[i])));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    /** "iterations:score" per rung, separated by ";", e.g. "20:0.5312;60:0.4101". */
    private static String rungScores(SweepResult r) {
        StringBuilder sb = new StringBuilder();
        for (RungScore s : r.rungs()) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(s.iterations()).append(':').append(s.score());
        }
        return sb.toString();
    }

    /**
     * @return the report as a JSON object: summary fields ("candidates" is the number of candidates; "completed",
     *         "stopped", "pruned", "crashed", "pruning", "schedule" (null for a sweep without rungs), "minimize",
     *         "iterations" (all candidates together), "wallMillis", "winner" = the winner's index or null) and
     *         one object per candidate in the "results" array (index, initializer, activation, layers, outcome,
     *         verdict, score or null, iterations, wallMillis, "reason" (the text, "" if none), "rung" (-1 if
     *         none), "rungs" (rung, iterations, score, rank, finished, quota per rung reached), and
     *         "pruneReason" or "error" when present)
     */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("candidates", results.size());
        root.put("completed", count(CandidateOutcome.COMPLETED));
        root.put("pruned", count(CandidateOutcome.PRUNED));
        root.put("crashed", count(CandidateOutcome.CRASHED));
        root.put("stopped", count(CandidateOutcome.STOPPED));
        root.put("pruning", pruning);
        root.put("schedule", schedule == null ? null : schedule.toString());
        root.put("minimize", minimize);
        root.put("iterations", iterations());
        root.put("wallMillis", wallMillis);
        root.put("winner", winner().map(SweepResult::index).orElse(null));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SweepResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", r.index());
            m.put("initializer", r.initializer());
            m.put("activation", r.activation());
            m.put("layers", r.layers());
            m.put("outcome", r.outcome().name());
            m.put("verdict", r.verdict() == null ? null : r.verdict().name());
            m.put("score", Double.isFinite(r.score()) ? r.score() : null);
            m.put("iterations", r.iterations());
            m.put("wallMillis", r.wallMillis());
            m.put("reason", r.reason());
            m.put("rung", r.rung());
            List<Map<String, Object>> rungs = new ArrayList<>();
            for (RungScore s : r.rungs()) {
                Map<String, Object> rs = new LinkedHashMap<>();
                rs.put("rung", s.rung());
                rs.put("iterations", s.iterations());
                rs.put("score", s.score());
                rs.put("rank", s.rank());
                rs.put("finished", s.finished());
                rs.put("quota", s.quota());
                rungs.add(rs);
            }
            m.put("rungs", rungs);
            Violation v = r.pruneReason();
            if (v != null) {
                Map<String, Object> reason = new LinkedHashMap<>();
                reason.put("layer", v.where());
                reason.put("layerIndex", v.layerIndex());
                reason.put("condition", v.condition().name());
                reason.put("figure", v.figure().name());
                reason.put("cause", v.diagnosis().cause().name());
                reason.put("value", Double.isFinite(v.value()) ? v.value() : String.valueOf(v.value()));
                reason.put("threshold", Double.isFinite(v.threshold()) ? v.threshold() : String.valueOf(v.threshold()));
                reason.put("remedy", v.diagnosis().remedy());
                reason.put("message", v.message());
                m.put("pruneReason", reason);
            }
            if (r.error() != null) {
                m.put("error", r.error());
            }
            rows.add(m);
        }
        root.put("results", rows);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the sweep report as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code <prefix>.csv} and {@code <prefix>.json} into a directory (created if missing).
     *
     * @param dir    the directory
     * @param prefix the file name prefix, e.g. "sweep"
     * @return the two paths, CSV first
     */
    public List<Path> write(Path dir, String prefix) {
        try {
            Files.createDirectories(dir);
            Path csv = dir.resolve(prefix + ".csv");
            Path json = dir.resolve(prefix + ".json");
            Files.writeString(csv, toCsv(), StandardCharsets.UTF_8);
            Files.writeString(json, toJson(), StandardCharsets.UTF_8);
            return List.of(csv, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep report to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String cut(String s, int n) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() <= n ? one : one.substring(0, n - 1) + "…";
    }

    @Override
    public String toString() {
        return toTable();
    }
}
