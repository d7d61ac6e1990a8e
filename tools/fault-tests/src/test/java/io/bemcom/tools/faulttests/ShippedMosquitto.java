package io.bemcom.tools.faulttests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bemcom.testsupport.MosquittoProcess;
import io.bemcom.tools.localrunner.RunnerSettings;

/**
 * A Mosquitto configured exactly as the one we ship ({@code tools/mosquitto/mosquitto.conf}), but on
 * a free loopback port and with a persistence folder of its own, so that the fault tests check the
 * shipped configuration.
 */
final class ShippedMosquitto {

    private ShippedMosquitto() {
    }

    /** The repository's root (the tests run in {@code tools/fault-tests}). */
    static Path repository() {
        return RunnerSettings.findRepositoryRoot(Path.of(""));
    }

    static MosquittoProcess launch() {
        return MosquittoProcess.launch(configuration(Map.of()));
    }

    /**
     * The shipped configuration as a {@link MosquittoProcess} template, with some options replaced or
     * added ({@code overrides}: option name to its whole value; an empty value removes the option).
     */
    static String configuration(Map<String, String> overrides) {
        String shipped;
        try {
            shipped = Files.readString(repository().resolve("tools/mosquitto/mosquitto.conf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> options = new LinkedHashMap<>(overrides);
        options.put("listener", "${PORT} 127.0.0.1");
        options.put("persistence_location", "${DATA}");
        List<String> lines = new ArrayList<>();
        for (String line : shipped.split("\n", -1)) {
            String name = line.isBlank() || line.startsWith("#") ? null : line.trim().split("\\s+")[0];
            if (name != null && options.containsKey(name)) {
                String value = options.remove(name);
                if (!value.isEmpty()) {
                    lines.add(name + " " + value);
                }
            } else {
                lines.add(line);
            }
        }
        options.forEach((name, value) -> {
            if (!value.isEmpty()) {
                lines.add(name + " " + value);
            }
        });
        return String.join("\n", lines) + "\n";
    }
}
