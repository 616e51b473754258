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
 * cycle between two packages of {@code io.prunegcrn} fails the build, naming the packages and the path that closes it.
 */
class PackageDependenciesTests {

    private static final Path SOURCES = Path.of("src/main/java/io/prunegcrn");
    private static final Pattern PACKAGE = Pattern.compile("^package io\\.prunegcrn\\.?([\\w.]*);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.prunegcrn\\.([a-z][a-z.]*)\\.[A-Z]");

    @Test
    void featurePackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        assertThat(deps).as("packages read").containsKeys("dataset", "training", "model", "job", "forecast");

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
