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

    /**
     * Whether a datapoint of this format holds numbers (the original's test: {@code "_numeric"} in
     * the format): its values are served as floats, and a list or object sent for it is not stored.
     */
    public static boolean isNumeric(String format) {
        return format != null && format.contains("_numeric");
    }

    public static String[] all() {
        return Arrays.copyOf(CHOICES.toArray(String[]::new), CHOICES.size());
    }
}
