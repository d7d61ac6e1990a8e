package io.bemcom.controller;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLevelsTest {

    @Test
    void mapsPythonLevelNames() {
        assertThat(LogLevels.toLogback("DEBUG")).isEqualTo("DEBUG");
        assertThat(LogLevels.toLogback("info")).isEqualTo("INFO");
        assertThat(LogLevels.toLogback("WARNING")).isEqualTo("WARN");
        assertThat(LogLevels.toLogback("ERROR")).isEqualTo("ERROR");
        assertThat(LogLevels.toLogback("CRITICAL")).isEqualTo("ERROR");
    }

    @Test
    void defaultsToInfo() {
        assertThat(LogLevels.toLogback(null)).isEqualTo("INFO");
        assertThat(LogLevels.toLogback("chatty")).isEqualTo("INFO");
    }

    @Test
    void keepsLibrariesAtInfoWhenDebugging() {
        assertThat(LogLevels.springProperties("DEBUG"))
                .containsEntry("logging.level.io.bemcom", "DEBUG")
                .containsEntry("logging.level.root", "INFO");
        assertThat(LogLevels.springProperties("ERROR")).containsEntry("logging.level.root", "ERROR");
    }
}
