package io.bemcom.rawmessages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLevelsTest {

    @Test
    void readsLoglevelAndFallsBackToTheOriginalsVariable() {
        assertThat(LogLevels.springProperties("WARNING", "DEBUG")).containsEntry("logging.level.io.bemcom", "WARN");
        assertThat(LogLevels.springProperties(null, "ERROR")).containsEntry("logging.level.io.bemcom", "ERROR");
        assertThat(LogLevels.springProperties("", "CRITICAL")).containsEntry("logging.level.io.bemcom", "ERROR");
        assertThat(LogLevels.springProperties(null, null)).containsEntry("logging.level.io.bemcom", "INFO");
    }

    @Test
    void keepsLibrariesAtInfoWhenDebugging() {
        assertThat(LogLevels.springProperties("DEBUG", null)).containsEntry("logging.level.root", "INFO");
    }
}
