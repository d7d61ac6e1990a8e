package io.bemcom.connector.ocpp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;

/**
 * The connector's own variables, read once: the server's port, the commands OCPP_CONFIG turns into
 * actuators, whether the original's ids (without the charge point's identity) are offered too, and
 * (optionally) the charge points' passwords for HTTP Basic authentication (OCPP security profile 1).
 * {@link #toString} leaves the passwords out.
 */
record OcppSettings(int port, List<OcppCommand> commands, boolean originalIds, Map<String, String> passwords) {

    private static final Logger log = LoggerFactory.getLogger(OcppSettings.class);
    static final String PASSWORDS = "OCPP_CHARGE_POINT_PASSWORDS";
    static final String ORIGINAL_IDS = "OCPP_ORIGINAL_IDS";

    OcppSettings {
        commands = List.copyOf(commands);
        passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
    }

    static OcppSettings fromEnvironment(Environment env) {
        int port = env.integer("OCPP_PORT", 9000);
        if (port < 1 || port > 65535) {
            throw new ConfigurationException("OCPP_PORT must be a TCP port from 1 to 65535, got " + port + ".");
        }
        List<OcppCommand> commands = env.optional("OCPP_CONFIG").map(OcppSettings::commands)
                .orElse(List.of(OcppCommand.values()));
        Map<String, String> passwords = env.optional(PASSWORDS).map(OcppSettings::passwords).orElse(Map.of());
        return new OcppSettings(port, commands, originalIds(env), passwords);
    }

    /**
     * {@code TRUE} (the default) or {@code FALSE}, written as the connectors' other flags. Since the
     * default is on, any other value is refused rather than read as off (the {@code exactTrue} rule of
     * DEBUG), so that a typo cannot silently drop the ids an installation uses.
     */
    private static boolean originalIds(Environment env) {
        String value = env.string(ORIGINAL_IDS, "TRUE");
        if (!value.equals("TRUE") && !value.equals("FALSE")) {
            throw new ConfigurationException(ORIGINAL_IDS + " must be TRUE (the default: the original's ids"
                    + " without the charge point's identity are offered too) or FALSE, got '" + value + "'.");
        }
        return value.equals("TRUE");
    }

    /** Whether charge points must authenticate (a password is configured for at least one). */
    boolean authenticates() {
        return !passwords.isEmpty();
    }

    /**
     * As the original: every element of an array, or every key of an object, that contains
     * {@code execute_} names a command; other entries are ignored. A single string (the original
     * README's example {@code "execute_send_charging_profile"}) names one, where the original made
     * none of it.
     */
    private static List<OcppCommand> commands(String text) {
        JsonNode json;
        try {
            json = JsonValues.parse(text);
        } catch (RuntimeException e) {
            throw new ConfigurationException("OCPP_CONFIG is no JSON (a list of commands such as"
                    + " [\"execute_send_charging_profile\", \"execute_trigger_message\"]): "
                    + firstLine(e.getMessage()));
        }
        List<String> names = new ArrayList<>();
        if (json.isString()) {
            names.add(json.stringValue());
        } else if (json.isArray()) {
            json.forEach(element -> names.add(element.isString() ? element.stringValue() : element.toString()));
        } else if (json.isObject()) {
            names.addAll(json.propertyNames());
        } else {
            throw new ConfigurationException("OCPP_CONFIG must be a JSON list of commands such as"
                    + " [\"execute_send_charging_profile\"], got " + text);
        }
        List<OcppCommand> commands = new ArrayList<>();
        for (String name : names) {
            if (!name.contains("execute_")) {
                log.warn("OCPP_CONFIG: ignored '{}', which names no command (commands begin with execute_).", name);
                continue;
            }
            OcppCommand command = OcppCommand.byConfigName(name.trim());
            if (command == null) {
                throw new ConfigurationException("OCPP_CONFIG: unknown command '" + name + "'; known are "
                        + List.of(OcppCommand.values()).stream().map(OcppCommand::configName).toList());
            }
            if (!commands.contains(command)) {
                commands.add(command);
            }
        }
        return commands;
    }

    /** {@code {"<identity>": "<password>"}}; error messages never quote the value, which holds secrets. */
    private static Map<String, String> passwords(String text) {
        JsonNode json;
        try {
            json = JsonValues.parse(text);
        } catch (RuntimeException e) {
            throw new ConfigurationException(PASSWORDS + " is no JSON; it must be an object of charge point"
                    + " identity to password, e.g. {\"CP_1\": \"...\"} (the value is not shown, it holds passwords).");
        }
        if (json == null || !json.isObject() || json.isEmpty()) {
            throw new ConfigurationException(PASSWORDS + " must be a JSON object of charge point identity to"
                    + " password with at least one entry (the value is not shown, it holds passwords).");
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : json.properties()) {
            if (!entry.getValue().isString() || entry.getValue().stringValue().isEmpty()) {
                throw new ConfigurationException(PASSWORDS + "." + entry.getKey()
                        + " must be a non-empty string (the value is not shown).");
            }
            passwords.put(entry.getKey(), entry.getValue().stringValue());
        }
        return passwords;
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public String toString() {
        return "OcppSettings[port=" + port + ", commands=" + commands + ", originalIds=" + originalIds
                + ", charge points with a password="
                + passwords.keySet() + "]";
    }
}
