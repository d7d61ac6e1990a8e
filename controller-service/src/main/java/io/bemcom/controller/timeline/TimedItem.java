package io.bemcom.controller.timeline;

/** One item of a setpoint or schedule message: what it asks for, and when. */
public record TimedItem<T>(Period period, T content) {
}
