package io.bemcom.api.alert;

import java.util.List;

/** Published (as a Spring event) whenever the set of raised alerts changed; {@code alerts} is all of them. */
public record AlertsChanged(List<Alert> alerts) {
}
