package io.bemcom.tools.localrunner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to run one service: its name (the log prefix), its executable jar, its working directory
 * and its environment. The child gets only these variables plus a few of the runner's own
 * ({@link #INHERITED_VARIABLES}), so a variable set in the user's shell for something else
 * (e.g. {@code DJANGOAPIDB_HOST}) never changes a service by accident.
 */
public record ServiceSpec(String name, Path jar, Path workingDirectory, Map<String, String> environment,
                          List<String> jvmOptions, List<String> arguments) {

    static final Set<String> INHERITED_VARIABLES = Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ",
            "JAVA_HOME", "TMPDIR", "SYSTEMROOT", "TEMP", "TMP");

    public ServiceSpec {
        environment = Map.copyOf(environment);
        jvmOptions = List.copyOf(jvmOptions);
        arguments = List.copyOf(arguments);
    }
}
