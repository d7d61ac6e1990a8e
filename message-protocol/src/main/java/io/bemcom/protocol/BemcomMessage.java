package io.bemcom.protocol;

/**
 * One of the nine BEMCom message kinds. Every implementation is an immutable record whose
 * JSON form is written and read only by {@link MessageCodec}.
 */
public sealed interface BemcomMessage
        permits LogMessage, HeartbeatMessage, AvailableDatapointsMessage, DatapointMapMessage,
                RawMessage, ValueMessage, SetpointMessage, ScheduleMessage, ControlledDatapointsMessage {
}
