package io.bemcom.protocol;

import java.util.List;

/** Everything one controller controls; published retained on the controller's topic. */
public record ControlledDatapointsMessage(List<ControlledDatapoint> controlledDatapoints) implements BemcomMessage {

    public ControlledDatapointsMessage {
        controlledDatapoints = List.copyOf(controlledDatapoints);
    }
}
