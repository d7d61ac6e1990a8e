package io.bemcom.tools.faulttests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The figures of one fault scenario. Printed, and appended as a table row to
 * {@code target/fault-suite-figures.md}, from which docs/reliability.md takes them.
 *
 * @param sent       messages {@code publish} accepted
 * @param stored     of those, how many the service stored (or, for the controller, delivered)
 * @param lost       sent and not stored
 * @param duplicated stored or delivered more than once (see each test for how it is counted); -1 where a
 *                   test cannot see duplicates
 * @param lostNumbers the numbers of the lost messages
 */
record FaultReport(String scenario, int sent, int stored, int lost, int duplicated, Duration took, String note,
                   java.util.BitSet lostNumbers) {

    private static final Path FILE = Path.of("target", "fault-suite-figures.md");

    FaultReport print() {
        String row = String.format("| %s | %d | %d | %d | %s | %d s | %s |", scenario, sent, stored, lost,
                duplicated < 0 ? "–" : Integer.toString(duplicated), took.toSeconds(), note);
        System.out.println("FAULT-SUITE " + row);
        try {
            Files.createDirectories(FILE.getParent());
            if (!Files.exists(FILE)) {
                Files.writeString(FILE, "| Scenario | Sent | Stored | Lost | Duplicated | Took | Notes |\n"
                        + "|---|---|---|---|---|---|---|\n");
            }
            Files.writeString(FILE, row + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("could not write " + FILE + ": " + e);
        }
        return this;
    }
}
