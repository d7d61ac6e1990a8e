package io.bemcom.tools.localrunner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code java -jar tools/local-runner/target/local-runner.jar}: starts a complete local BEMCom
 * application, sets the demo up, prints where to look, and runs until Ctrl-C (SIGINT) or SIGTERM,
 * which stop every service cleanly. A service that crashes is restarted; exit code 1 when
 * something could not start or keeps crashing, 2 for a bad setting.
 */
public final class LocalRunner {

    private LocalRunner() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        RunnerSettings settings;
        try {
            settings = RunnerSettings.fromEnvironment(System.getenv(), Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("local-runner: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (args.length > 0 && args[0].equals("register")) {
            System.exit(register(settings, out));
        }
        if (args.length > 0) {
            System.err.println("usage: java -jar local-runner.jar [register]");
            System.exit(2);
        }
        LocalApplication application = new LocalApplication(settings, out);
        Thread shutdown = new Thread(application::close, "local-runner-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            application.log("data folder " + settings.dataDirectory + ", jars from " + settings.repositoryRoot);
            application.start(Duration.ofSeconds(180));
            DemoRegistration.DemoDatapoints ids = application.registerDemo();
            banner(out, settings, ids);
        } catch (Exception e) {
            if (application.isClosed()) {
                return; // Ctrl-C while starting
            }
            System.err.println("local-runner: " + e.getMessage());
            System.exit(1); // the shutdown hook stops what was started
            return;
        }
        String gaveUpOn;
        try {
            gaveUpOn = application.awaitGiveUp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!application.isClosed()) {
            System.err.println("local-runner: " + gaveUpOn + " keeps crashing; stopping everything");
            System.exit(1);
        }
    }

    /**
     * {@code register}: only sets the demo up against services that run already (docker-compose's
     * {@code demo-setup}): waits for the api-service at {@code API_URL}, registers the demo's
     * datapoints and wires the controller, both through its REST API.
     */
    static int register(RunnerSettings settings, PrintStream out) {
        LocalApplication application = new LocalApplication(settings, out);
        try {
            application.awaitApi(Duration.ofSeconds(300));
            application.registerDemo();
            return 0;
        } catch (Exception e) {
            System.err.println("local-runner register: " + e.getMessage());
            return 1;
        }
    }

    private static void banner(PrintStream out, RunnerSettings settings, DemoRegistration.DemoDatapoints ids) {
        String url = settings.apiUrl();
        String user = settings.superuserName + ":" + settings.superuserPassword;
        String text = """

                ================================================================================
                 BEMCom is running.

                 REST API / Swagger UI  %1$s
                 User / password        %2$s / %3$s
                 MQTT broker            %4$s:%5$d%6$s
                 Raw messages           http://localhost:%7$d/raw-messages/%8$s
                 Data folder            %9$s

                 Room temperature (datapoint %10$d), changing every few seconds:
                   curl -u %11$s %1$sdatapoint/last_value/
                 Move the room's setpoint (actuator %12$d) with a schedule; the controller sends it to
                 the device and the temperature follows (setpoint read back: datapoint %13$d):
                   curl -u %11$s -H 'Content-Type: application/json' %1$sdatapoint/%12$d/schedule/ \\
                     -d '{"schedule": [{"from_timestamp": null, "to_timestamp": null, "value": "18.5"}], "timestamp": '$(date +%%s000)'}'

                 Ctrl-C stops everything.
                ================================================================================
                """.formatted(url, settings.superuserName, settings.superuserPassword, settings.effectiveBrokerHost(),
                settings.brokerPort, settings.embeddedBroker() ? " (embedded)" : "", settings.rawMessageDbPort,
                settings.connectorName, settings.dataDirectory, ids.temperature(), user, ids.setpointActuator(),
                ids.setpointReadback());
        if (!ids.allActive()) {
            text = text.replace(" Ctrl-C stops everything.", " Not active, as the operator left them: " + ids.inactive()
                    + "\n\n Ctrl-C stops everything.");
        }
        synchronized (out) {
            out.println(text);
        }
    }
}
