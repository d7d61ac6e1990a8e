package io.bemcom.protocol.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogLevelsTest {

    @ParameterizedTest
    @CsvSource({"DEBUG,DEBUG", "debug,DEBUG", "INFO,INFO", "WARNING,WARN", "warn,WARN", "ERROR,ERROR",
            "CRITICAL,ERROR", "FATAL,ERROR", "TRACE,TRACE", "LOUD,INFO", "' ',INFO"})
    void mapsPythonLevelNamesToLogback(String python, String logback) {
        assertThat(LogLevels.toLogback(python)).isEqualTo(logback);
    }

    @Test
    void aValueThatIsNotALevelGetsAWarningNamingTheVariable() {
        assertThat(LogLevels.warning("LOGLEVEL", "VERBOSE")).hasValueSatisfying(text -> assertThat(text)
                .contains("LOGLEVEL='VERBOSE' is not a log level").contains("INFO"));
        assertThat(LogLevels.warning("LOGLEVEL", "warning")).isEmpty();
        assertThat(LogLevels.warning("LOGLEVEL", null)).isEmpty();
        assertThat(LogLevels.warning("LOGLEVEL", "")).isEmpty();
    }

    @Test
    void debugRaisesOnlyBemcomsLoggersAndAHigherLevelAppliesToAll() {
        assertThat(LogLevels.springProperties("DEBUG")).containsEntry("logging.level.io.bemcom", "DEBUG")
                .containsEntry("logging.level.root", "INFO");
        assertThat(LogLevels.springProperties("WARNING")).containsEntry("logging.level.io.bemcom", "WARN")
                .containsEntry("logging.level.root", "WARN");
    }
}
