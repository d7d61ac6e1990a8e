package io.bemcom.connector.homematic.ccu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The CCU fixture documents of {@code src/test/resources/ccu}, with {@code ${NAME}} placeholders filled in. */
public final class Fixtures {

    private Fixtures() {
    }

    /** The fixture's bytes as stored (some are ISO-8859-1). */
    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/ccu/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture ccu/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UTF-8 fixture with every {@code ${NAME}} replaced by its value. */
    public static String fill(String name, Map<String, String> values) {
        String text = new String(bytes(name), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("${" + value.getKey() + "}", value.getValue());
        }
        if (text.contains("${")) {
            throw new IllegalArgumentException("ccu/" + name + " has a placeholder left: " + text);
        }
        return text;
    }
}
