package io.bemcom.tools.localrunner;

import java.nio.file.Path;

import io.bemcom.testsupport.Ports;

/** Runner settings for a test: this repository's jars, the test's data folder, every port a free one. */
final class TestRunnerSettings {

    private TestRunnerSettings() {
    }

    static RunnerSettings onFreePorts(Path data) {
        RunnerSettings settings = new RunnerSettings();
        settings.repositoryRoot = RunnerSettings.findRepositoryRoot(Path.of(""));
        settings.dataDirectory = data;
        settings.apiPort = Ports.free();
        settings.modbusPort = Ports.free();
        settings.rawMessageDbPort = Ports.free();
        settings.controllerMetricsPort = Ports.free();
        settings.connectorMetricsPort = Ports.free();
        settings.brokerPort = Ports.free();
        return settings;
    }
}
