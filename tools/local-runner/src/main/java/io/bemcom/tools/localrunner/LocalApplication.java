package io.bemcom.tools.localrunner;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete BEMCom application on one machine: the broker (embedded unless one is given), the
 * demo device, the api-service, the raw-message-db, the controller-service and a Modbus/TCP
 * connector reading the demo device, each in a process of its own. Used by {@link LocalRunner}
 * and by the end-to-end test.
 */
public final class LocalApplication implements AutoCloseable {

    public static final String API_SERVICE = "api-service";
    public static final String DEMO_DEVICE = "demo-device";
    public static final String CONNECTOR = "modbus-tcp-connector";
    public static final String CONTROLLER = "controller-service";
    public static final String RAW_MESSAGE_DB = "raw-message-db";

    /** The original's demo MODBUS_CONFIG (its API's development compose file), "<e" for reads and the write. */
    public static final String DEMO_MODBUS_CONFIG = "{\"read_input_registers\": [{\"address\": 1, \"count\": 1, "
            + "\"unit\": 1, \"datatypes\": \"<e\"}], \"read_holding_registers\": [{\"address\": 1, \"count\": 1, "
            + "\"unit\": 1, \"datatypes\": \"<e\"}], \"write_register\": [{\"address\": 1, \"unit\": 1, "
            + "\"datatypes\": \"<e\", \"example_value\": 22.0}]}";

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final RunnerSettings settings;
    private final PrintStream out;
    private final Map<String, ServiceProcess> services = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile LocalBroker broker;
    private final java.util.concurrent.BlockingQueue<String> givenUp = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Supervisor supervisor;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    public LocalApplication(RunnerSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.supervisor = new Supervisor(settings.restartPolicy, this::log, givenUp::add);
    }

    public RunnerSettings settings() {
        return settings;
    }

    /** The specs of every service, in start order. */
    public List<ServiceSpec> specs() {
        Path root = settings.repositoryRoot;
        if (root == null) {
            throw new IllegalStateException("Cannot find the BEMCom repository (a folder with api-service/pom.xml) at or "
                    + "above the working directory. Run from the checkout, or set BEMCOM_HOME.");
        }
        Path data = settings.dataDirectory;
        List<ServiceSpec> specs = new ArrayList<>();

        specs.add(spec(DEMO_DEVICE, ServiceJars.DEMO_DEVICE.jar(root), data.resolve(DEMO_DEVICE), Map.of(
                "MODBUS_PORT", Integer.toString(settings.modbusPort),
                "LOG_VALUES", settings.demoDeviceLogsValues ? "TRUE" : "FALSE"), "96m"));

        Map<String, String> api = broker();
        api.put("PORT", Integer.toString(settings.apiPort));
        api.put("MQTT_CLIENT_ID", settings.apiMqttClientId);
        api.put("ACTIVATE_CONTROL_EXTENSION", "TRUE");
        api.put("ACTIVATE_HISTORY_EXTENSION", "TRUE");
        api.put("DJANGO_SUPERUSER_USERNAME", settings.superuserName);
        api.put("DJANGO_SUPERUSER_PASSWORD", settings.superuserPassword);
        api.put("DJANGO_SUPERUSER_EMAIL", settings.superuserEmail);
        api.put("DJANGO_ALLOWED_HOSTS", "[\"localhost\", \"127.0.0.1\"]");
        api.put("LOGLEVEL", settings.logLevel);
        api.put("DJANGOAPIDB_SQLITE_PATH", data.resolve(API_SERVICE).resolve("db.sqlite3").toString());
        api.putAll(settings.apiEnvironment);
        specs.add(spec(API_SERVICE, ServiceJars.API_SERVICE.jar(root), data.resolve(API_SERVICE), api, "512m"));

        Map<String, String> raw = broker();
        raw.put("SERVER_PORT", Integer.toString(settings.rawMessageDbPort));
        raw.put("MQTT_CLIENT_ID", settings.rawMessageDbMqttClientId);
        raw.put("MQTT_TOPIC_ALL_RAW_MESSAGES", settings.rawMessageTopic);
        raw.put("RAW_MESSAGE_DB_SQLITE_PATH", data.resolve(RAW_MESSAGE_DB).resolve("raw-messages.sqlite3").toString());
        raw.put("LOGLEVEL", settings.logLevel);
        raw.putAll(settings.rawMessageDbEnvironment);
        specs.add(spec(RAW_MESSAGE_DB, ServiceJars.RAW_MESSAGE_DB.jar(root), data.resolve(RAW_MESSAGE_DB), raw, "192m"));

        Map<String, String> controller = broker();
        controller.put("MQTT_TOPIC_CONTROLLED_DATAPOINTS", settings.controllerTopic);
        controller.put("METRICS_PORT", Integer.toString(settings.controllerMetricsPort));
        controller.put("LOGLEVEL", settings.logLevel);
        specs.add(spec(CONTROLLER, ServiceJars.CONTROLLER_SERVICE.jar(root), data.resolve(CONTROLLER), controller,
                "128m"));

        Map<String, String> connector = broker();
        connector.put("CONNECTOR_NAME", settings.connectorName);
        connector.put("SEND_RAW_MESSAGE_TO_DB", "TRUE");
        connector.put("POLL_SECONDS", settings.pollSeconds);
        connector.put("MODBUS_MASTER_IP", "127.0.0.1");
        connector.put("MODBUS_MASTER_PORT", Integer.toString(settings.modbusPort));
        connector.put("MODBUS_CONFIG", DEMO_MODBUS_CONFIG);
        connector.put("METRICS_PORT", Integer.toString(settings.connectorMetricsPort));
        // The demo device is local: give up on a failed request quickly instead of the 3 x 15 s default.
        connector.put("MODBUS_MAX_RETRIES", "2");
        connector.put("MODBUS_RETRY_WAIT_SECONDS", "1");
        specs.add(spec(CONNECTOR, ServiceJars.MODBUS_TCP_CONNECTOR.jar(root), data.resolve(CONNECTOR), connector,
                "128m"));
        return specs;
    }

    private Map<String, String> broker() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MQTT_BROKER_HOST", settings.effectiveBrokerHost());
        env.put("MQTT_BROKER_PORT", Integer.toString(settings.brokerPort));
        return env;
    }

    private ServiceSpec spec(String name, Path jar, Path workingDirectory, Map<String, String> env, String heap) {
        if (settings.logFormat != null) {
            env = new LinkedHashMap<>(env);
            env.put("LOG_FORMAT", settings.logFormat);
        }
        return new ServiceSpec(name, jar, workingDirectory, env,
                List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), List.of());
    }

    /**
     * Starts the broker (when embedded) and every service at once (the demo device first), then
     * waits until the api-service answers. Nothing has to wait for anything: the connector's
     * available datapoints are retained on the broker until the api-service reads them, and the
     * api-service publishes the datapoint maps when it starts. A service that ends by itself is
     * restarted ({@link Supervisor}).
     */
    public void start(Duration apiTimeout) throws InterruptedException {
        List<ServiceSpec> specs = specs();
        for (ServiceSpec spec : specs) {
            if (!java.nio.file.Files.isRegularFile(spec.jar())) {
                throw new IllegalStateException(spec.name() + " is not built: " + spec.jar()
                        + " is missing. Build first: mvn -B -q package -DskipTests");
            }
        }
        checkReachability();
        if (settings.embeddedBroker()) {
            broker = LocalBroker.start(settings.brokerPort);
            log("embedded MQTT broker (Moquette) listening on 127.0.0.1:" + settings.brokerPort);
        } else {
            log("using the MQTT broker at " + settings.brokerHost + ":" + settings.brokerPort);
        }
        // In parallel: a first start extracts each jar (a JVM run of its own) before it starts the service.
        java.util.concurrent.ExecutorService launching = java.util.concurrent.Executors.newFixedThreadPool(specs.size());
        try {
            List<java.util.concurrent.Future<?>> launched = new ArrayList<>();
            for (ServiceSpec spec : specs) {
                launched.add(launching.submit(() -> launch(spec)));
            }
            for (java.util.concurrent.Future<?> launch : launched) {
                try {
                    launch.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            launching.shutdown();
        }
        awaitApi(apiTimeout);
    }

    /**
     * Before anything starts: the ports the runner serves are free, and the broker and databases
     * it was given answer. Each problem is one line naming the variable that changes it.
     */
    void checkReachability() {
        requireFree("API_PORT", settings.apiPort);
        requireFree("MODBUS_PORT", settings.modbusPort);
        requireFree("RAW_MESSAGE_DB_HTTP_PORT", settings.rawMessageDbPort);
        requireFree("CONTROLLER_METRICS_PORT", settings.controllerMetricsPort);
        requireFree("CONNECTOR_METRICS_PORT", settings.connectorMetricsPort);
        if (settings.embeddedBroker()) {
            requireFree("MQTT_BROKER_PORT", settings.brokerPort);
        } else {
            requireReachable("the MQTT broker", settings.brokerHost, settings.brokerPort,
                    "MQTT_BROKER_HOST, MQTT_BROKER_PORT");
        }
        requireDatabase(settings.apiEnvironment, "DJANGOAPIDB_", "the api-service's database");
        requireDatabase(settings.rawMessageDbEnvironment, "RAW_MESSAGE_DB_", "the raw-message-db's database");
    }

    private static void requireDatabase(Map<String, String> environment, String prefix, String what) {
        String host = environment.get(prefix + "HOST");
        if (host == null) {
            return; // SQLite in the data folder
        }
        int port;
        try {
            port = Integer.parseInt(environment.getOrDefault(prefix + "PORT", "5432").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prefix + "PORT must be a port number, got '" + environment.get(prefix + "PORT") + "'");
        }
        requireReachable(what, host, port, prefix + "HOST, " + prefix + "PORT");
    }

    private static void requireReachable(String what, String host, int port, String variables) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach " + what + " at " + host + ":" + port + " (set by " + variables
                    + "): " + e.getMessage());
        }
    }

    private void launch(ServiceSpec spec) {
        if (closed) {
            throw new IllegalStateException("stopped while starting");
        }
        ServiceProcess process = ServiceProcess.start(spec, out, settings.classDataSharing);
        synchronized (this) { // stopAll holds this lock: a service is either stopped by it or not started
            if (closed) {
                process.stop(STOP_GRACE);
                throw new IllegalStateException("stopped while starting");
            }
            supervisor.watch(process);
            services.put(spec.name(), process);
        }
        log("started " + spec.name() + " (pid " + process.pid() + ")");
    }

    /** Waits until a service was given up on (it crashed too often); returns its name. */
    public String awaitGiveUp() throws InterruptedException {
        return givenUp.take();
    }

    public boolean isClosed() {
        return closed;
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return service;
    }

    public ApiClient api() {
        return new ApiClient(settings.apiUrl(), settings.superuserName, settings.superuserPassword);
    }

    /**
     * Waits until the api-service is ready ({@code GET /actuator/health/readiness}, without
     * credentials: ready once its superuser exists), then until it answers {@code GET /datapoint/}
     * with 200 for the superuser. Credentials are sent only once it is ready, and then at most once
     * a second: every refused login counts towards the api-service's lock-out.
     */
    public void awaitApi(Duration timeout) throws InterruptedException {
        ApiClient api = api();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        boolean ready = false;
        while (System.nanoTime() < deadline) {
            if (closed) {
                throw new IllegalStateException("stopped while starting");
            }
            String gaveUpOn = givenUp.peek();
            if (gaveUpOn != null) {
                throw new IllegalStateException("gave up on " + gaveUpOn + " (see its log above)");
            }
            try {
                if (!ready) {
                    ApiClient.Response readiness = api.getAnonymously("actuator/health/readiness");
                    // 404: an api-service without the readiness endpoint (register mode against an older one).
                    ready = readiness.status() == 200 || readiness.status() == 404;
                    last = "readiness " + readiness.status() + " " + readiness.body();
                }
                if (ready) {
                    ApiClient.Response response = api.get("datapoint/");
                    if (response.status() == 200) {
                        return;
                    }
                    last = response.status() + " " + response.body();
                    Thread.sleep(1_000);
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the api-service did not answer within " + timeout.toSeconds() + " s: " + last);
    }

    /** Registers the demo's datapoints and wires the controller, where that was not done yet. */
    public DemoRegistration.DemoDatapoints registerDemo() throws Exception {
        DemoRegistration registration = new DemoRegistration(api(), settings);
        DemoRegistration.DemoDatapoints ids = registration.registerDatapoints();
        long controllerId = registration.wireController(ids);
        log("connector '" + settings.connectorName + "' (datapoints: temperature " + ids.temperature()
                + ", setpoint read back " + ids.setpointReadback() + ", setpoint actuator " + ids.setpointActuator()
                + ") and controller '" + settings.controllerName + "' (id " + controllerId + ") on '"
                + settings.controllerTopic + "' are set up");
        if (!ids.allActive()) {
            log("not active, as the operator left them (the runner does not change what exists): " + ids.inactive());
        }
        return ids;
    }

    /** Stops every service (SIGTERM to all, wait, then SIGKILL), then the embedded broker. */
    @Override
    public void close() {
        if (closing.getAndSet(true)) {
            return;
        }
        closed = true;
        supervisor.close();
        stopAll();
    }

    private synchronized void stopAll() {
        List<ServiceProcess> reverse;
        synchronized (services) {
            reverse = new ArrayList<>(services.values());
        }
        java.util.Collections.reverse(reverse);
        if (!reverse.isEmpty()) {
            log("stopping " + reverse.stream().map(ServiceProcess::name).toList());
        }
        reverse.forEach(ServiceProcess::requestStop);
        reverse.forEach(service -> service.awaitStop(STOP_GRACE));
        for (ServiceProcess service : reverse) {
            log(service.name() + " " + stopped(service.exitCode()));
        }
        if (broker != null) {
            broker.close();
            broker = null;
            log("embedded MQTT broker stopped");
        }
    }

    /** A stop on request ends with 143 (SIGTERM), 130 (SIGINT) or 0; anything else is worth its code. */
    static String stopped(int exitCode) {
        return switch (exitCode) {
            case 0, 130, 143 -> "stopped";
            case 137 -> "killed (it did not stop within " + STOP_GRACE.toSeconds() + " s)";
            default -> "stopped with exit code " + exitCode;
        };
    }

    private void requireFree(String variable, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            String hint = variable.equals("MQTT_BROKER_PORT")
                    ? " A broker already runs there? Use it with MQTT_BROKER_HOST=localhost, or choose another "
                    + "MQTT_BROKER_PORT for the embedded one."
                    : " Choose another port with " + variable + "=<port>.";
            throw new IllegalStateException("Port " + port + " (" + variable + ") is in use." + hint);
        }
    }

    void log(String text) {
        synchronized (out) {
            out.println(ServiceProcess.prefix("local-runner") + text);
        }
    }
}
