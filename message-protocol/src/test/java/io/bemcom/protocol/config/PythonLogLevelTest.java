package io.bemcom.protocol.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonLogLevelTest {

    @ParameterizedTest
    @CsvSource({"DEBUG,DEBUG", "debug,DEBUG", "INFO,INFO", "WARNING,WARN", "warn,WARN", "ERROR,ERROR",
            "CRITICAL,ERROR", "FATAL,ERROR", "TRACE,TRACE", "LOUD,INFO", "' ',INFO"})
    void mapsPythonLevelNamesToLogback(String python, String logback) {
        assertThat(PythonLogLevel.toLogback(python)).isEqualTo(logback);
    }
}
