package io.bemcom.connector.fronius.solarapi;

import io.bemcom.connector.testkit.http.Answer;
import io.bemcom.connector.testkit.http.HttpDeviceSimulator;

/**
 * A Fronius inverter's Solar API on a loopback port: {@code GetPowerFlowRealtimeData} answers as
 * the original's notes capture it (section 4.3 of spec/original/connectors.md) and as a Fronius
 * GEN24 answers (the structure of the Fronius Solar API V1 documentation, with the {@code null}s a
 * GEN24 sends for the energy counters it does not keep). Written from those, not from the connector.
 */
final class SimulatedFroniusInverter {

    static final String PATH = "/solar_api/v1/GetPowerFlowRealtimeData.fcgi";

    private SimulatedFroniusInverter() {
    }

    private static final String HEAD = """
              "Head": {
                "RequestArguments": {},
                "Status": {"Code": 0, "Reason": "", "UserMessage": ""},
                "Timestamp": "2024-05-13T12:00:00+02:00"
              }""";

    /** The captured answer of the original's notes, P_PV as given. */
    static String captured(double pvPower) {
        return """
                {
                  "Body": {
                    "Data": {
                      "Inverters": {
                        "1": {"DT": 1, "P": 1500, "E_Day": 1.0, "E_Year": 2.0, "E_Total": 3.0}
                      },
                      "Site": {
                        "Mode": "meter", "P_Grid": -100.0, "P_Load": -1400.0, "P_Akku": null, "P_PV": %s,
                        "rel_SelfConsumption": 93.3, "rel_Autonomy": 100.0, "Meter_Location": "grid",
                        "E_Day": 4100.0, "E_Year": 812000.0, "E_Total": 5100000.0
                      },
                      "Version": "12"
                    }
                  },
                %s
                }""".formatted(pvPower, HEAD);
    }

    /** A Fronius GEN24 Plus with a battery: E_Day, E_Year and rel_SelfConsumption are null. */
    static final String GEN24 = """
            {
              "Body": {
                "Data": {
                  "Inverters": {
                    "1": {"Battery_Mode": "normal", "DT": 1, "E_Day": null, "E_Total": 6843251.3, "E_Year": null,
                          "P": 2310.5, "SOC": 64.2}
                  },
                  "SecondaryMeters": {},
                  "Site": {
                    "BackupMode": false, "BatteryStandby": false, "E_Day": null, "E_Total": 6843251.3, "E_Year": null,
                    "Meter_Location": "grid", "Mode": "bidirectional", "P_Akku": -812.4, "P_Grid": -403.1,
                    "P_Load": -1095.0, "P_PV": 3129.7, "rel_Autonomy": 100.0, "rel_SelfConsumption": null
                  },
                  "Smartloads": {"OhmpilotEcos": {}, "Ohmpilots": {}},
                  "Version": "13"
                }
              },
            %s
            }""".formatted(HEAD);

    /** A Datamanager with two Symo inverters; the second one produces 700 W. */
    static final String TWO_INVERTERS = """
            {
              "Body": {
                "Data": {
                  "Inverters": {
                    "1": {"DT": 123, "E_Day": 9000.0, "E_Total": 1200000.0, "E_Year": 300000.0, "P": 1200},
                    "2": {"DT": 123, "E_Day": 5000.0, "E_Total": 800000.0, "E_Year": 200000.0, "P": 700}
                  },
                  "Site": {
                    "E_Day": 14000.0, "E_Total": 2000000.0, "E_Year": 500000.0, "Meter_Location": "load",
                    "Mode": "produce-only", "P_Akku": null, "P_Grid": null, "P_Load": null, "P_PV": 1900.0,
                    "rel_Autonomy": null, "rel_SelfConsumption": null
                  },
                  "Version": "12"
                }
              },
            %s
            }""".formatted(HEAD);

    /** At night a Datamanager lists no inverter; the site's meter values remain. */
    static final String INVERTER_ASLEEP = """
            {
              "Body": {
                "Data": {
                  "Inverters": {},
                  "Site": {
                    "E_Day": null, "E_Total": null, "E_Year": null, "Meter_Location": "grid", "Mode": "meter",
                    "P_Akku": null, "P_Grid": 412.0, "P_Load": -412.0, "P_PV": null,
                    "rel_Autonomy": 0.0, "rel_SelfConsumption": null
                  },
                  "Version": "12"
                }
              },
            %s
            }""".formatted(HEAD);

    /** The documented answer to a request the Datamanager cannot serve: a status code, no data. */
    static final String NOT_AVAILABLE = """
            {
              "Body": {"Data": {}},
              "Head": {
                "RequestArguments": {},
                "Status": {"Code": 8, "Reason": "Transfer timeout.", "UserMessage": ""},
                "Timestamp": "2024-05-13T12:00:00+02:00"
              }
            }""";

    /** An inverter serving the captured answer (P_PV 1500 W); {@code serve(PATH, Answer.json(...))} changes it. */
    static HttpDeviceSimulator start() {
        return HttpDeviceSimulator.start().serve(PATH, Answer.json(captured(1500.0)));
    }

    /** To try the connector by hand: serves the GEN24 answer on the port given (default 8081) until killed. */
    public static void main(String[] args) {
        HttpDeviceSimulator inverter = HttpDeviceSimulator.start(args.length > 0 ? Integer.parseInt(args[0]) : 8081)
                .serve(PATH, Answer.json(GEN24));
        System.out.println("Simulated Fronius GEN24 at " + inverter.url(PATH));
    }
}
