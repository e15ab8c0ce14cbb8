package org.dl4jinit.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of dl4j-init-core depend on each other without a cycle, in the direction the architecture says:
 * {@code init} depends on none of them; {@code health} only on {@code init}; {@code storage} (records, a subscriber
 * of the listener), {@code lsuv} and {@code propagation} (which judges its predictions by the listener's rules) on
 * {@code health} and {@code init}; {@code sweep} on the others but {@code propagation}. Read from the
 * main sources' code — imports and fully qualified names, comments and strings left out — so a reference in
 * code is a dependency and a reference in documentation is not.
 */
class PackageDependenciesTest {

    private static final Path MAIN = Path.of("src", "main", "java", "org", "dl4jinit");
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.dl4jinit\\.([a-z]+)\\b");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'", Pattern.DOTALL);

    /** Package → the other dl4j-init-core packages its code refers to. */
    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(MAIN)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        for (Path file : files) {
            String pkg = MAIN.relativize(file).getName(0).toString();
            String code = COMMENTS_AND_STRINGS.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll(" ");
            Set<String> out = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher m = REFERENCE.matcher(code);
            while (m.find()) {
                if (!m.group(1).equals(pkg)) {
                    out.add(m.group(1));
                }
            }
        }
        return deps;
    }

    @Test
    void dependenciesGoOneWayAsTheArchitectureSays() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        System.out.println("package dependencies: " + deps);
        assertThat(deps.keySet()).containsExactlyInAnyOrder("init", "health", "storage", "lsuv", "propagation",
                "sweep");
        assertThat(deps.get("init")).isEmpty();
        assertThat(deps.get("health")).containsOnly("init");
        assertThat(deps.get("storage")).isSubsetOf("health", "init");
        assertThat(deps.get("lsuv")).isSubsetOf("health", "init");
        assertThat(deps.get("propagation")).isSubsetOf("health", "init");
        assertThat(deps.get("sweep")).isSubsetOf("health", "lsuv", "init", "storage");
    }

    @Test
    void thereIsNoPackageCycle() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        // Kahn's algorithm: a cycle leaves packages that never reach in-degree 0
        Map<String, Integer> waiting = new TreeMap<>();
        deps.forEach((p, d) -> waiting.put(p, d.size()));
        List<String> order = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Map.Entry<String, Integer> e : waiting.entrySet()) {
                if (e.getValue() == 0 && !order.contains(e.getKey())) {
                    order.add(e.getKey());
                    deps.forEach((p, d) -> {
                        if (d.contains(e.getKey())) {
                            waiting.merge(p, -1, Integer::sum);
                        }
                    });
                    progress = true;
                    break;
                }
            }
        }
        assertThat(order).as("packages in dependency order; missing ones are on a cycle: %s", deps)
                .containsExactlyInAnyOrderElementsOf(deps.keySet());
    }
}
