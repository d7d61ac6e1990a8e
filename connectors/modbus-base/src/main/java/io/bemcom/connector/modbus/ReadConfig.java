package io.bemcom.connector.modbus;

import java.util.List;

/** What a Modbus connector's configuration tells its polling: the ranges and the warnings at start. */
public interface ReadConfig {

    /** The ranges every poll reads, in order. */
    List<ReadRange> readRanges();

    /** What is odd but allowed in the configuration, logged once at start. */
    List<String> warnings();
}
