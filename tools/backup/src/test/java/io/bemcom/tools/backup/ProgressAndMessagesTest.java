package io.bemcom.tools.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The progress display, the comparison of restored messages, and the command line. */
class ProgressAndMessagesTest {

    @Test
    void onATerminalABarWithRateAndEtaIsRedrawnInPlace() {
        AtomicLong clock = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress("backup", 4, new PrintStream(bytes, true, StandardCharsets.UTF_8), true, clock::get);
        clock.set(1_000_000_000L);
        progress.transferred(500);
        assertThat(progress.status()).isEqualTo("backup [########......................]  25% 1/4 chunks, 500 values,"
                + " 500 values/s, ETA 0:00:03");
        clock.set(2_000_000_000L);
        progress.skipped();
        progress.transferred(1500);
        progress.transferred(0);
        progress.finish();
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(output).startsWith("\r").endsWith("\n").doesNotContain("\n\r");
        assertThat(progress.status()).contains("100% 4/4 chunks, 2,000 values, 1,000 values/s, ETA 0:00:00 (1 done before)");
    }

    @Test
    void elsewherePlainLinesWithoutBar() {
        AtomicLong clock = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress("restore", 2, new PrintStream(bytes, true, StandardCharsets.UTF_8), false, clock::get);
        clock.set(6_000_000_000L);
        progress.transferred(10);
        progress.transferred(10);
        progress.finish();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("restore  50% 1/2 chunks, 10 values, 2 values/s, ETA 0:00:06",
                        "restore 100% 2/2 chunks, 20 values, 3 values/s, ETA 0:00:00");
    }

    @Test
    void restoredMessagesAreTheSameWhenTheyMeanTheSameAndDoubleEncodedTextIsNot() {
        assertThat(same("{\"value\": \"21\", \"timestamp\": 1}", "{\"value\": \"21.0\", \"timestamp\": 1}")).isTrue();
        assertThat(same("{\"value\": \"\\\"on\\\"\", \"timestamp\": 1}", "{\"value\": \"\\\"on\\\"\", \"timestamp\": 1}")).isTrue();
        // What the original script's restore makes of a text value: json.dumps of the stored JSON text.
        assertThat(same("{\"value\": \"\\\"on\\\"\", \"timestamp\": 1}",
                "{\"value\": \"\\\"\\\\\\\"on\\\\\\\"\\\"\", \"timestamp\": 1}")).isFalse();
        assertThat(same("{\"value\": \"\\\"21\\\"\", \"timestamp\": 1}", "{\"value\": \"21\", \"timestamp\": 1}")).isFalse();
        assertThat(same("{\"value\": \"21\", \"timestamp\": 1}", "{\"value\": \"21\", \"timestamp\": 2}")).isFalse();
        assertThat(same("[{\"schedule\": [{\"from_timestamp\": null, \"to_timestamp\": 5, \"value\": \"21\"}], \"timestamp\": 1}]",
                "[{\"schedule\": [{\"from_timestamp\": null, \"to_timestamp\": 5, \"value\": 21.0}], \"timestamp\": 1}]")).isTrue();
        assertThat(same("{\"value\": \"NaN\", \"timestamp\": 1}", "{\"value\": \"NaN\", \"timestamp\": 1}")).isTrue();
    }

    @Test
    void badArgumentsEndWithCodeOneAndTheUsage() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertThat(BackupMain.run(new String[] {"-b", "-r", "-t", "x", "-d", "."}, out, Map.of())).isEqualTo(1);
        assertThat(BackupMain.run(new String[] {"-b", "-t", "x", "-d", "."}, out, Map.of())).isEqualTo(1);
        assertThat(BackupMain.run(new String[] {"-r", "-t", "http://127.0.0.1:1", "-d", "/does/not/exist"}, out, Map.of()))
                .isEqualTo(1);
        assertThat(BackupMain.run(new String[] {"-r", "-t", "http://127.0.0.1:1", "-d", "."}, out, Map.of())).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Give one of -b (backup) and -r (restore).",
                "-s is required for a backup.", "Usage: java -jar backup-tool.jar");
    }

    private static boolean same(String a, String b) {
        return Messages.same(ApiConnection.JSON.readTree(a), ApiConnection.JSON.readTree(b));
    }
}
