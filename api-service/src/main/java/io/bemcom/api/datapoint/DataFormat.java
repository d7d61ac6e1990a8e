package io.bemcom.api.datapoint;

import java.util.Arrays;
import java.util.List;

/** The original's {@code data_format} choices; they decide how REST input values are validated. */
public final class DataFormat {

    public static final String UNKNOWN = "unknown";
    public static final List<String> CHOICES = List.of("generic_numeric", "continuous_numeric", "discrete_numeric",
            "generic_text", "discrete_text", "bool", UNKNOWN);

    private DataFormat() {
    }

    public static boolean isValid(String format) {
        return CHOICES.contains(format);
    }

    public static String[] all() {
        return Arrays.copyOf(CHOICES.toArray(String[]::new), CHOICES.size());
    }
}
