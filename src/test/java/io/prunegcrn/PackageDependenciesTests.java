package io.prunegcrn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The feature packages depend on each other in one direction only (docs/ARCHITECTURE.md): read from the sources, any
 * cycle between two packages of {@code io.prunegcrn} fails the build, naming the packages and the path that closes it,
 * and so does any arrow that points up the layers below.
 */
class PackageDependenciesTests {

    /**
     * The layers of docs/ARCHITECTURE.md, bottom first: a package may depend only on packages of lower layers. A new
     * package must be placed here (and in the diagram) before the build passes.
     */
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("security"), Set.of("config"), Set.of("system"),
            Set.of("network"), Set.of("network.runtime"), Set.of("evaluation"), Set.of("dataset"), Set.of("linear"),
            Set.of("training"), Set.of("model"), Set.of("api"), Set.of("model.backtest"), Set.of("model.sensorerror"),
            Set.of("job"), Set.of("sweep", "model.whatif", "model.report", "roadgraph", "cli", "web", "(root)"));

    private static final Path SOURCES = Path.of("src/main/java/io/prunegcrn");
    private static final Pattern PACKAGE = Pattern.compile("^package io\\.prunegcrn\\.?([\\w.]*);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.prunegcrn\\.([a-z][a-z.]*)\\.[A-Z]");

    @Test
    void featurePackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        assertThat(deps).as("packages read").containsKeys("dataset", "training", "network", "job", "model");

        List<String> cycles = new ArrayList<>();
        for (String from : deps.keySet()) {
            for (String to : deps.get(from)) {
                List<String> back = path(deps, to, from, new TreeSet<>());
                if (back != null) {
                    cycles.add(from + " -> " + String.join(" -> ", back));
                }
            }
        }
        assertThat(cycles).isEmpty();
    }

    @Test
    void everyArrowPointsDownTheLayers() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        assertThat(LAYERS.stream().flatMap(Set::stream).toList()).as("packages placed in a layer").containsAll(deps.keySet());
        List<String> upward = new ArrayList<>();
        deps.forEach((from, targets) -> targets.stream().filter(to -> layer(to) >= layer(from))
                .forEach(to -> upward.add(from + " -> " + to)));
        assertThat(upward).as("dependencies on a package of the same or a higher layer").isEmpty();
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        throw new AssertionError("package " + pkg + " is in no layer of PackageDependenciesTests.LAYERS");
    }

    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                Matcher p = PACKAGE.matcher(source);
                String pkg = p.find() && !p.group(1).isEmpty() ? p.group(1) : "(root)";
                Set<String> out = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher r = REFERENCE.matcher(source);
                while (r.find()) {
                    String target = r.group(1).replaceAll("\\.$", "");
                    if (!target.equals(pkg)) {
                        out.add(target);
                    }
                }
            }
        }
        return deps;
    }

    /** A path of dependencies from {@code from} to {@code to}, or null. */
    private static List<String> path(Map<String, Set<String>> deps, String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return new ArrayList<>(List.of(to));
        }
        if (!seen.add(from)) {
            return null;
        }
        for (String next : deps.getOrDefault(from, Set.of())) {
            List<String> rest = path(deps, next, to, seen);
            if (rest != null) {
                rest.add(0, from);
                return rest;
            }
        }
        return null;
    }
}
