package io.bemcom.connector.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import eu.chargetime.ocpp.ClientEvents;
import eu.chargetime.ocpp.JSONClient;
import eu.chargetime.ocpp.JSONServer;
import eu.chargetime.ocpp.ServerEvents;
import eu.chargetime.ocpp.feature.profile.ClientCoreEventHandler;
import eu.chargetime.ocpp.feature.profile.ClientCoreProfile;
import eu.chargetime.ocpp.feature.profile.ClientSmartChargingEventHandler;
import eu.chargetime.ocpp.feature.profile.ClientSmartChargingProfile;
import eu.chargetime.ocpp.feature.profile.ServerCoreEventHandler;
import eu.chargetime.ocpp.feature.profile.ServerCoreProfile;
import eu.chargetime.ocpp.model.Confirmation;
import eu.chargetime.ocpp.model.SessionInformation;
import eu.chargetime.ocpp.model.core.*;
import eu.chargetime.ocpp.model.smartcharging.ChargingProfileStatus;
import eu.chargetime.ocpp.model.smartcharging.ClearChargingProfileConfirmation;
import eu.chargetime.ocpp.model.smartcharging.ClearChargingProfileRequest;
import eu.chargetime.ocpp.model.smartcharging.GetCompositeScheduleConfirmation;
import eu.chargetime.ocpp.model.smartcharging.GetCompositeScheduleRequest;
import eu.chargetime.ocpp.model.smartcharging.SetChargingProfileConfirmation;
import eu.chargetime.ocpp.model.smartcharging.SetChargingProfileRequest;
import io.bemcom.connector.ocpp.simulator.SimulatedChargePoint;
import io.bemcom.connector.testkit.DatapointTopics;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/**
 * The ChargeTime OCPP library (eu.chargetime.ocpp:v1_6, on Java-WebSocket) on both sides of our
 * connector: its central system, to show why ours does the OCPP-J framing itself (the library
 * refuses a timestamp without a zone, which real charge points send, so their meter values would
 * be lost), and its charge point, as a second peer independent of our code.
 */
class ChargeTimeLibraryTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();
    private static final String ZONELESS_STATUS = "{\"connectorId\": 1, \"errorCode\": \"NoError\","
            + " \"status\": \"Charging\", \"timestamp\": \"2024-05-01T12:00:00\"}";

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("ocpp-lib");
    private final int port = OcppConnectorTest.freePort();
    private ConnectorRun run;
    private JSONServer libraryServer;
    private JSONClient libraryClient;

    @AfterEach
    void stop() {
        if (libraryClient != null) {
            libraryClient.disconnect();
        }
        if (libraryServer != null) {
            libraryServer.close();
        }
        if (run != null) {
            run.close();
        }
    }

    private void startConnector() {
        Map<String, String> env = ConnectorRun.environment(name, broker);
        env.remove("POLL_SECONDS");
        env.put("OCPP_PORT", String.valueOf(port));
        run = ConnectorRun.start(broker, env, OcppDevice::create);
    }

    @Test
    void theLibrarysCentralSystemRefusesATimestampWithoutAZoneWhichOursAccepts() throws Exception {
        int libraryPort = OcppConnectorTest.freePort();
        libraryServer = new JSONServer(new ServerCoreProfile(new AcceptingCentralSystem()));
        libraryServer.open("127.0.0.1", libraryPort, new OpenServer());
        SimulatedChargePoint toLibrary = await().atMost(WAIT).ignoreExceptions()
                .until(() -> SimulatedChargePoint.connect(libraryPort, "CP_1"), cp -> cp != null);
        startConnector();
        try (toLibrary; SimulatedChargePoint toOurs = SimulatedChargePoint.connect(port, "CP_1")) {
            assertThat(JsonValues.parse(toLibrary.call("StatusNotification", ZONELESS_STATUS)).get(2).stringValue())
                    .isEqualTo("FormationViolation");
            assertThat(JsonValues.parse(toOurs.call("StatusNotification", ZONELESS_STATUS)))
                    .isEqualTo(JsonValues.parse("[3, \"1\", {}]"));
        }
    }

    @Test
    void aChargePointOnTheLibraryBootsAndIsControlledOverMqtt() throws Exception {
        startConnector();
        List<SetChargingProfileRequest> profiles = new CopyOnWriteArrayList<>();
        ClientCoreProfile core = new ClientCoreProfile(new IdleChargePoint());
        libraryClient = new JSONClient(core, "CP_LIB");
        libraryClient.addFeatureProfile(new ClientSmartChargingProfile(new ClientSmartChargingEventHandler() {
            @Override
            public SetChargingProfileConfirmation handleSetChargingProfileRequest(SetChargingProfileRequest request) {
                profiles.add(request);
                return new SetChargingProfileConfirmation(ChargingProfileStatus.Accepted);
            }

            @Override
            public ClearChargingProfileConfirmation handleClearChargingProfileRequest(ClearChargingProfileRequest request) {
                return null;
            }

            @Override
            public GetCompositeScheduleConfirmation handleGetCompositeScheduleRequest(GetCompositeScheduleRequest request) {
                return null;
            }
        }));
        libraryClient.connect("ws://127.0.0.1:" + port, new ClientEvents() {
            @Override
            public void connectionOpened() {
            }

            @Override
            public void connectionClosed() {
            }
        });

        try (MqttProbe probe = MqttProbe.connect(broker)) {
            Recorded<ValueMessage> values = probe.record(name + "/messages/+/value", MessageCodec::decodeValue);
            DatapointTopics topics = probe.mapDatapoints(name,
                    List.of("CP_LIB__BootNotification__charge_point_vendor"),
                    List.of("CP_LIB__execute_send_charging_profile__"));

            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                Confirmation boot = libraryClient.send(new BootNotificationRequest("KEBA", "KC-P30"))
                        .toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(((BootNotificationConfirmation) boot).getStatus()).isEqualTo(RegistrationStatus.Accepted);
                return values.topics().contains(topics.of("CP_LIB__BootNotification__charge_point_vendor"));
            });
            probe.commandUntil(topics.of("CP_LIB__execute_send_charging_profile__"), JsonValues.of("7400"),
                    () -> !profiles.isEmpty() && run.commands("written") >= 1);
        }

        SetChargingProfileRequest profile = profiles.get(0);
        assertThat(profile.validate()).as("valid for the library").isTrue();
        assertThat(profile.getConnectorId()).isEqualTo(1);
        assertThat(profile.getCsChargingProfiles().getChargingSchedule().getChargingSchedulePeriod()[0].getLimit())
                .isEqualTo(7400.0);
    }

    /** The library's central system, answering as a central system must. */
    private static final class AcceptingCentralSystem implements ServerCoreEventHandler {
        @Override
        public AuthorizeConfirmation handleAuthorizeRequest(UUID session, AuthorizeRequest request) {
            return new AuthorizeConfirmation(new IdTagInfo(AuthorizationStatus.Accepted));
        }

        @Override
        public BootNotificationConfirmation handleBootNotificationRequest(UUID session, BootNotificationRequest request) {
            return new BootNotificationConfirmation(ZonedDateTime.now(), 10, RegistrationStatus.Accepted);
        }

        @Override
        public DataTransferConfirmation handleDataTransferRequest(UUID session, DataTransferRequest request) {
            return null;
        }

        @Override
        public HeartbeatConfirmation handleHeartbeatRequest(UUID session, HeartbeatRequest request) {
            return new HeartbeatConfirmation(ZonedDateTime.now());
        }

        @Override
        public MeterValuesConfirmation handleMeterValuesRequest(UUID session, MeterValuesRequest request) {
            return new MeterValuesConfirmation();
        }

        @Override
        public StartTransactionConfirmation handleStartTransactionRequest(UUID session, StartTransactionRequest request) {
            return null;
        }

        @Override
        public StatusNotificationConfirmation handleStatusNotificationRequest(UUID session,
                                                                              StatusNotificationRequest request) {
            return new StatusNotificationConfirmation();
        }

        @Override
        public StopTransactionConfirmation handleStopTransactionRequest(UUID session, StopTransactionRequest request) {
            return new StopTransactionConfirmation();
        }
    }

    private static final class OpenServer implements ServerEvents {
        @Override
        public void authenticateSession(SessionInformation information, String username, byte[] password) {
        }

        @Override
        public void newSession(UUID session, SessionInformation information) {
        }

        @Override
        public void lostSession(UUID session) {
        }
    }

    /** The core profile's calls from a central system, none of which this test sends. */
    private static final class IdleChargePoint implements ClientCoreEventHandler {
        @Override
        public ChangeAvailabilityConfirmation handleChangeAvailabilityRequest(ChangeAvailabilityRequest request) {
            return null;
        }

        @Override
        public GetConfigurationConfirmation handleGetConfigurationRequest(GetConfigurationRequest request) {
            return null;
        }

        @Override
        public ChangeConfigurationConfirmation handleChangeConfigurationRequest(ChangeConfigurationRequest request) {
            return null;
        }

        @Override
        public ClearCacheConfirmation handleClearCacheRequest(ClearCacheRequest request) {
            return null;
        }

        @Override
        public DataTransferConfirmation handleDataTransferRequest(DataTransferRequest request) {
            return null;
        }

        @Override
        public RemoteStartTransactionConfirmation handleRemoteStartTransactionRequest(
                RemoteStartTransactionRequest request) {
            return null;
        }

        @Override
        public RemoteStopTransactionConfirmation handleRemoteStopTransactionRequest(RemoteStopTransactionRequest request) {
            return null;
        }

        @Override
        public ResetConfirmation handleResetRequest(ResetRequest request) {
            return null;
        }

        @Override
        public UnlockConnectorConfirmation handleUnlockConnectorRequest(UnlockConnectorRequest request) {
            return null;
        }
    }
}
