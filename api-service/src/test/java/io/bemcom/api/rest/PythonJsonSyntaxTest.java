package io.bemcom.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.bemcom.protocol.JsonValues;

/**
 * The messages of a malformed JSON body are Python's, as DRF quotes them: a table of inputs and
 * what Python 3.11's {@code json.loads} (with DRF's strict NaN/Infinity) said of each
 * ({@code python-json-errors.tsv}; an empty message: Python accepts it).
 */
class PythonJsonSyntaxTest {

    static Stream<Arguments> pythonsMessages() throws IOException {
        try (InputStream in = PythonJsonSyntaxTest.class.getResourceAsStream("/python-json-errors.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#"))
                    .map(line -> line.split("\t", 2))
                    .map(parts -> Arguments.of(JsonValues.parse(parts[0]).stringValue(), parts[1]))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pythonsMessages")
    void findsTheErrorPythonFindsWhereItFindsIt(String input, String message) {
        assertThat(PythonJsonSyntax.firstError(input).orElse("")).isEqualTo(message);
    }
}
