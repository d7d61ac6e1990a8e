package io.bemcom.api.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dependencies between the api-service's packages, read from the compiled classes: every
 * class named in a class file's constant pool (types, descriptors, generic signatures,
 * annotations). Constants inlined by the compiler are not seen; everything else is.
 */
final class PackageDependencies {

    static final String ROOT = "io/bemcom/api/";
    private static final Pattern REFERENCE = Pattern.compile("io/bemcom/api/([a-z0-9_/]+)/[A-Z][\\w$]*");

    /** Class (binary name, with slashes) → the api-service classes it refers to. */
    private final Map<String, Set<String>> references = new TreeMap<>();

    private PackageDependencies() {
    }

    static PackageDependencies ofCompiledClasses() {
        try {
            Path classes = Path.of(io.bemcom.api.ApiServiceApplication.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            PackageDependencies graph = new PackageDependencies();
            try (Stream<Path> files = Files.walk(classes.resolve(ROOT))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = classes.relativize(file).toString().replace('\\', '/').replace(".class", "");
                    try (InputStream in = Files.newInputStream(file)) {
                        graph.references.put(name, referencedNames(in));
                    }
                }
            }
            return graph;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot read the compiled classes", e);
        }
    }

    /** The package of an api-service class below {@code io.bemcom.api}: {@code "rest"}, or {@code ""} for the root. */
    static String packageOf(String className) {
        String rest = className.substring(ROOT.length());
        int slash = rest.lastIndexOf('/');
        return slash < 0 ? "" : rest.substring(0, slash).replace('/', '.');
    }

    /** Every reference from a class of package {@code from} to a class of package {@code to}, as "A → B". */
    Set<String> references(String from, String to) {
        Set<String> found = new TreeSet<>();
        references.forEach((source, targets) -> {
            if (packageOf(source).equals(from)) {
                targets.stream().filter(target -> packageOf(target).equals(to))
                        .forEach(target -> found.add(simple(source) + " → " + simple(target)));
            }
        });
        return found;
    }

    /** Package → the other api-service packages it refers to. */
    Map<String, Set<String>> packageGraph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        references.forEach((source, targets) -> {
            Set<String> edges = graph.computeIfAbsent(packageOf(source), p -> new TreeSet<>());
            targets.stream().map(PackageDependencies::packageOf).filter(p -> !p.equals(packageOf(source)))
                    .forEach(edges::add);
        });
        return graph;
    }

    /** Pairs of packages that depend on each other, directly or through others, as "a ⇄ b". */
    Set<String> cycles() {
        Map<String, Set<String>> graph = packageGraph();
        Set<String> found = new TreeSet<>();
        for (String a : graph.keySet()) {
            for (String b : graph.keySet()) {
                if (a.compareTo(b) < 0 && reaches(graph, a, b) && reaches(graph, b, a)) {
                    found.add(a + " ⇄ " + b);
                }
            }
        }
        return found;
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String to) {
        Set<String> seen = new TreeSet<>();
        java.util.Deque<String> open = new java.util.ArrayDeque<>(graph.getOrDefault(from, Set.of()));
        while (!open.isEmpty()) {
            String next = open.pop();
            if (next.equals(to)) {
                return true;
            }
            if (seen.add(next)) {
                open.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
        return false;
    }

    int classCount() {
        return references.size();
    }

    private static String simple(String className) {
        return className.substring(ROOT.length()).replace('/', '.');
    }

    /** The api-service classes named anywhere in the constant pool of one class file. */
    private static Set<String> referencedNames(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        Set<String> names = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> { // Utf8: class names, descriptors, signatures
                    Matcher matcher = REFERENCE.matcher(in.readUTF());
                    while (matcher.find()) {
                        names.add(matcher.group().replaceFirst("\\$.*", ""));
                    }
                }
                case 7, 8, 16, 19, 20 -> in.readUnsignedShort(); // Class, String, MethodType, Module, Package
                case 15 -> { // MethodHandle
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt(); // Integer, Float, refs, NameAndType, Dynamic
                case 5, 6 -> { // Long, Double take two entries
                    in.readLong();
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return names;
    }
}
