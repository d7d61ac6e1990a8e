package io.bemcom.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What a server process of a test's own leaves behind once it is stopped: its shutdown hook and its folder. */
public final class Leftovers {

    private Leftovers() {
    }

    /** Removes {@code shutdownHook} (unless the JVM is ending) and deletes {@code folder} with everything in it. */
    public static void discard(Thread shutdownHook, Path folder) {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        delete(folder);
    }

    /** Deletes {@code folder} with everything in it, as far as it can (also from a shutdown hook). */
    public static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the system cleans it up eventually
        }
    }
}
